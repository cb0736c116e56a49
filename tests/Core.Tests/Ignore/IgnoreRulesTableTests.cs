using Ragex.Core.Tests.Support;
using Ragex.Core.Walk;

namespace Ragex.Core.Tests.Ignore;

/// <summary>
/// gitignore semantics as git's documentation (gitignore(5)) states them, plus ripgrep's precedence between ignore
/// file kinds and our defaults. Each case builds a real tree and asks the walker whether one file is indexed.
/// Ignore files are given as "path=rule;rule".
/// </summary>
public sealed class IgnoreRulesTableTests
{
    public static TheoryData<string, string, string, bool> Cases => new()
    {
        // description, ignore files, file to create, expected to be indexed
        { "star matches in root", ".gitignore=*.log", "a.log", false },
        { "pattern without slash matches at any depth", ".gitignore=*.log", "deep/er/a.log", false },
        { "other extensions are kept", ".gitignore=*.log", "a.txt", true },
        { "leading slash anchors to the directory", ".gitignore=/a.txt", "a.txt", false },
        { "anchored pattern does not match deeper", ".gitignore=/a.txt", "sub/a.txt", true },
        { "middle slash anchors relative to the file", ".gitignore=doc/frotz", "doc/frotz", false },
        { "middle slash does not match elsewhere", ".gitignore=doc/frotz", "a/doc/frotz", true },
        { "trailing slash matches directories", ".gitignore=frotz/", "frotz/a.txt", false },
        { "trailing slash does not match files", ".gitignore=frotz/", "frotz", true },
        { "name without slash matches a directory", ".gitignore=logs", "logs/today.txt", false },
        { "negation re-includes", ".gitignore=*.log;!keep.log", "keep.log", true },
        { "negation leaves others ignored", ".gitignore=*.log;!keep.log", "drop.log", false },
        { "last matching rule wins", ".gitignore=!keep.log;*.log", "keep.log", false },
        { "no re-include inside an excluded directory", ".gitignore=out/;!out/keep.txt", "out/keep.txt", false },
        { "leading double star matches anywhere", ".gitignore=**/foo", "a/b/foo", false },
        { "leading double star matches at root", ".gitignore=**/foo", "foo", false },
        { "trailing double star matches inside", ".gitignore=abc/**", "abc/x/y.txt", false },
        { "middle double star matches zero dirs", ".gitignore=a/**/b", "a/b", false },
        { "middle double star matches many dirs", ".gitignore=a/**/b", "a/x/y/b", false },
        { "single star does not cross slashes", ".gitignore=doc/*.txt", "doc/sub/a.txt", true },
        { "single star matches within a directory", ".gitignore=doc/*.txt", "doc/a.txt", false },
        { "question mark matches one character", ".gitignore=a?.txt", "ab.txt", false },
        { "question mark needs exactly one character", ".gitignore=a?.txt", "abc.txt", true },
        { "character class", ".gitignore=[ab].txt", "b.txt", false },
        { "character class excludes others", ".gitignore=[ab].txt", "c.txt", true },
        { "comment lines are not rules", ".gitignore=# a.txt", "# a.txt", true },
        { "escaped hash is a pattern", ".gitignore=\\#file", "#file", false },
        { "nested file applies below its directory", "sub/.gitignore=*.txt", "sub/a.txt", false },
        { "nested file does not apply above", "sub/.gitignore=*.txt", "a.txt", true },
        { "nested anchored pattern is relative to its directory", "sub/.gitignore=/a.txt", "sub/a.txt", false },
        { "deeper negation overrides shallower rule", ".gitignore=*.md|sub/.gitignore=!*.md", "sub/x.md", true },
        { "shallower rule still applies beside", ".gitignore=*.md|sub/.gitignore=!*.md", "x.md", false },
        { ".ignore beats .gitignore", ".gitignore=x.txt|.ignore=!x.txt", "x.txt", true },
        { ".rgignore beats .ignore", ".ignore=x.txt|.rgignore=!x.txt", "x.txt", true },
        { ".ragexignore beats .rgignore", ".rgignore=!x.txt|.ragexignore=x.txt", "x.txt", false },
        { ".ragexignore beats a deeper .gitignore", ".ragexignore=!sub/x.txt|sub/.gitignore=x.txt", "sub/x.txt", true },
        { "whitelist idiom keeps only listed files", ".gitignore=*;!*/;!*.py", "pkg/mod.py", true },
        { "whitelist idiom drops the rest", ".gitignore=*;!*/;!*.py", "pkg/data.json", false },
        { "default: node_modules", "", "node_modules/x.js", false },
        { "default: .git", "", ".git/config", false },
        { "default: bin and obj", "", "src/bin/x.dll.txt", false },
        { "default: __pycache__", "", "pkg/__pycache__/a.txt", false },
        { "default: .venv, dist, build", "", "build/out.txt", false },
        { "default can be re-included", ".ragexignore=!build/", "build/out.txt", true },
        { "hidden files are skipped", "", ".env", false },
        { "hidden directories are skipped", "", ".hidden/a.py", false },
        { "whitelisted hidden directory is walked", ".ragexignore=!.github/", ".github/ci.yml", true },
        { "plain file is indexed", "", "src/main.c", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Walker_applies_ignore_rules(string description, string ignoreFiles, string file, bool indexed)
    {
        using var tree = new TemporaryDirectory();
        foreach (var spec in ignoreFiles.Split('|', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = spec.IndexOf('=', StringComparison.Ordinal);
            tree.Write(spec[..equals], string.Join('\n', spec[(equals + 1)..].Split(';')) + "\n");
        }

        tree.Write(file);
        var walked = new FileWalker(new WalkOptions()).Walk(tree.Path, new WalkStatistics()).Select(f => f.RelativePath).ToList();

        Assert.True(walked.Contains(file) == indexed, $"{description}: expected {file} to be {(indexed ? "indexed" : "skipped")}; walked [{string.Join(", ", walked)}]");
    }
}
