using Ragex.Core.Embedding;

namespace Ragex.Core.Tests.Embedding;

public sealed class BertTextTests
{
    [Theory]
    [InlineData("return x\ndef f():", "return x def f():")]
    [InlineData("if a {\n\treturn b\n}", "if a { return b }")]
    [InlineData("parse_date_tz", "parse _ date _ tz")]
    public void TheTransformerSeesLinesAndSnakeCaseSplitAsBertWould(string text, string spaced)
    {
        using var embedder = TestModels.Embedder(TestModels.ArcticXs);
        var tokenizer = embedder.Model.CreateTokenizer();

        Assert.Equal(tokenizer.EncodeToIds(spaced), tokenizer.EncodeToIds(BertText.Clean(text)));
        Assert.Equal(embedder.Embed([spaced], EmbeddingPurpose.Document)[0], embedder.Embed([text], EmbeddingPurpose.Document)[0]);
    }
}
