using Ragex.Core.Chunking;
using Ragex.Core.Search;

namespace Ragex.Core.Tests.Chunking;

public sealed class IdentifierWordsTests
{
    [Theory]
    [InlineData("parseHTTPResponse", "parse http response")]
    [InlineData("XMLHttpRequest", "xml http request")]
    [InlineData("getUserName", "get user name")]
    [InlineData("MAX_RETRY_count", "max retry count")]
    [InlineData("v2Handler", "v2 handler")]
    [InlineData("utf8", "utf8")]
    [InlineData("session", "session")]
    public void Splits_camel_pascal_and_snake_case(string identifier, string words) =>
        Assert.Equal(words, string.Join(' ', IdentifierWords.Split(identifier)));

    [Theory]
    [InlineData("src/Newtonsoft.Json/JsonSerializer.cs", "src newtonsoft json jsonserializer json serializer")]
    [InlineData("lib/sinatra/base.rb", "lib sinatra base")]
    [InlineData("packages/zod/src/v4/core/schemas.d.ts", "packages zod src v4 core schemas")]
    [InlineData("Makefile", "makefile")]
    public void Path_words_are_the_parent_directories_and_the_file_stem_with_compounds_split(string path, string words) =>
        Assert.Equal(words, IdentifierWords.OfPath(path));

    [Fact]
    public void Name_words_are_each_word_of_the_names_longer_than_a_letter_once_and_split_the_same_again()
    {
        string[] names = ["kmalloc_array", "parseHTTPResponse", "HTTP_PARSE_MAX", "x", "v2Handler", "__init__", "Kmalloc"];

        var words = IdentifierWords.OfNames(names);

        Assert.Equal("kmalloc array parse http response max v2 handler init", words);
        // Ranking splits stored words again as names (QueryWords.Share): a word must come back as itself.
        Assert.All(words.Split(' '), word => Assert.Equal([word], IdentifierWords.Split(word)));
    }

    [Fact]
    public void Compounds_lists_the_words_of_compound_identifiers_only_once_each()
    {
        var words = IdentifierWords.Compounds("def render(self): return renderTemplate(x) + renderTemplate(y) + plain_name");

        Assert.Equal("render template", words);
    }

    [Theory]
    [InlineData("static int kmalloc_array(size_t n) { return MAX_RETRY2 + utf8 + 42; }")]
    [InlineData("parseHTTPResponse(x) XMLHttpRequest parseHTTPResponse getUserName v2Handler abc12def A B2 HTTP2x")]
    [InlineData("Ünïcödé ÄpfelBaum straßeNamen 中文abc abc中def ǅungla ⅣRoman x²y DŽabc Résumé")]
    [InlineData("")]
    public void Compounds_are_the_words_of_each_identifier_the_word_expression_splits_in_more_than_one(string text)
    {
        var words = new List<string>();
        var seen = new HashSet<string>();
        foreach (System.Text.RegularExpressions.Match token in System.Text.RegularExpressions.Regex.Matches(text, @"[\p{L}\p{N}]+"))
        {
            if (seen.Add(token.Value) && IdentifierWords.Split(token.Value) is { Count: > 1 } parts)
            {
                words.AddRange(parts);
            }
        }

        Assert.Equal(string.Join(' ', words), IdentifierWords.Compounds(text));
    }

    [Fact]
    public void Keyword_terms_add_the_words_of_a_compound_query_word()
    {
        Assert.Equal(["dynamicparameters", "dynamic", "parameters"], KeywordQuery.Terms("DynamicParameters"));
    }

    [Fact]
    public void Keyword_terms_also_join_hyphenated_words_as_code_writes_them()
    {
        Assert.Equal(["url", "encoded", "form", "urlencoded"], KeywordQuery.Terms("URL-encoded form"));
    }
}
