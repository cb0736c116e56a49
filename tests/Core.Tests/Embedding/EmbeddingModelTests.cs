using Ragex.Core.Embedding;

namespace Ragex.Core.Tests.Embedding;

public sealed class EmbeddingModelTests : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("ragex-models-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    [Theory]
    [InlineData(TestModels.ArcticXs, 512, EmbeddingPooling.Cls, "Represent this sentence for searching relevant passages: ")]
    [InlineData(TestModels.MiniLm, 256, EmbeddingPooling.Mean, "")]
    public void LocateReadsTheManifestWrittenByFetchModel(string id, int maxTokens, EmbeddingPooling pooling, string queryPrefix)
    {
        var model = TestModels.Locate(id);

        Assert.Equal(id, model.Id);
        Assert.Equal(384, model.Dimension);
        Assert.Equal(maxTokens, model.MaxTokens);
        Assert.Equal(pooling, model.Pooling);
        Assert.Equal(queryPrefix, model.QueryPrefix);
        Assert.True(model.LowerCase);
        Assert.Equal("24.9.52193", model.Version);
        Assert.True(File.Exists(model.ModelPath));
        Assert.True(File.Exists(model.VocabularyPath));
    }

    [Fact]
    public void AMissingModelSaysToRunFetchModel()
    {
        var error = Assert.Throws<RagexException>(() => EmbeddingModel.Locate(scratch, TestModels.ArcticXs));

        Assert.Contains("scripts/fetch-model arctic-embed-xs", error.Message);
    }

    [Fact]
    public void AFileOfTheWrongSizeIsReportedAsDamaged()
    {
        var source = TestModels.Locate(TestModels.MiniLm);
        var copy = Directory.CreateDirectory(Path.Combine(scratch, TestModels.MiniLm)).FullName;
        File.Copy(Path.Combine(source.Directory, EmbeddingModel.ManifestFileName), Path.Combine(copy, EmbeddingModel.ManifestFileName));
        File.Copy(source.VocabularyPath, Path.Combine(copy, EmbeddingModel.VocabularyFileName));
        File.WriteAllText(Path.Combine(copy, EmbeddingModel.ModelFileName), "truncated");

        var error = Assert.Throws<RagexException>(() => EmbeddingModel.Locate(scratch, TestModels.MiniLm));

        Assert.Contains("damaged", error.Message);
        Assert.Contains("model.onnx has 9 bytes", error.Message);
    }
}
