using Ragex.Core.Symbols;

namespace Ragex.Core.Tests.Symbols;

public sealed class CtagsJsonParserTests
{
    [Fact]
    public void Parses_a_function_tag_with_signature_and_end_line()
    {
        const string line = """{"_type": "tag", "name": "urlparse", "path": "urllib/parse.py", "pattern": "/^def urlparse(url, scheme='', allow_fragments=True):$/", "language": "Python", "line": 374, "kind": "function", "signature": "(url, scheme='', allow_fragments=True)", "end": 402}""";

        var tag = new CtagsJsonParser().Parse(line)!;

        Assert.Equal("urllib/parse.py", tag.Path);
        Assert.Equal("urlparse", tag.Symbol.Name);
        Assert.Equal("function", tag.Symbol.Kind);
        Assert.Equal(374, tag.Symbol.Line);
        Assert.Equal(402, tag.Symbol.EndLine);
        Assert.Equal("Python", tag.Symbol.Language);
        Assert.Equal("(url, scheme='', allow_fragments=True)", tag.Symbol.Signature);
        Assert.Equal("urlparse", tag.Symbol.Preview); // until the file's text gives the line (DefinitionLines)
    }

    [Fact]
    public void Parses_scope_and_tolerates_a_missing_end()
    {
        const string line = """{"_type": "tag", "name": "geturl", "path": "p.py", "pattern": "/^    def geturl(self):$/", "line": 3, "kind": "member", "scope": "ParseResult", "scopeKind": "class"}""";

        var tag = new CtagsJsonParser().Parse(line)!;

        Assert.Equal("ParseResult", tag.Symbol.Scope);
        Assert.Equal("class", tag.Symbol.ScopeKind);
        Assert.Null(tag.Symbol.EndLine);
    }

    [Theory]
    [InlineData("""{"_type": "ptag", "name": "JSON_OUTPUT_VERSION", "path": "0.0", "pattern": "in development"}""")]
    [InlineData("")]
    [InlineData("ctags: Warning: something")]
    public void Skips_lines_that_are_not_tags(string line) => Assert.Null(new CtagsJsonParser().Parse(line));
}
