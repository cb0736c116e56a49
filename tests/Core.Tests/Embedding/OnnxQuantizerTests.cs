using Ragex.Core.Embedding;
using Ragex.Core.Tests.Support;

namespace Ragex.Core.Tests.Embedding;

[Trait("Category", "Slow")]
public sealed class OnnxQuantizerTests
{
    [Fact]
    public void The_int8_graph_is_made_the_same_twice_and_embeds_close_to_the_float_one()
    {
        var model = TestModels.Locate(TestModels.ArcticXs);
        using var directory = new TemporaryDirectory();
        foreach (var file in new[] { EmbeddingModel.ModelFileName, EmbeddingModel.VocabularyFileName, EmbeddingModel.ManifestFileName })
        {
            File.Copy(Path.Combine(model.Directory, file), directory.Combine(file));
        }

        var copy = model with { Directory = directory.Path };
        var count = OnnxQuantizer.Quantize(copy.ModelPath, copy.QuantizedModelPath);
        var first = File.ReadAllBytes(copy.QuantizedModelPath);
        OnnxQuantizer.Quantize(copy.ModelPath, copy.QuantizedModelPath);

        Assert.True(count >= 24, $"{count} MatMuls quantized");
        Assert.Equal(first, File.ReadAllBytes(copy.QuantizedModelPath));
        using var float32 = new OnnxEmbedder(copy);
        using var int8 = new OnnxEmbedder(copy, new EmbedderOptions { Precision = EmbeddingPrecision.Int8 });
        string[] texts = ["def urlparse(url, scheme=''):\n    \"\"\"Parse a URL into 6 components.\"\"\"", "How do I split a URL into its parts?"];
        var expected = float32.Embed(texts, EmbeddingPurpose.Document);
        var actual = int8.Embed(texts, EmbeddingPurpose.Document);
        Assert.All(Enumerable.Range(0, texts.Length), i => Assert.True(TestModels.Cosine(expected[i], actual[i]) > 0.99f));
    }
}
