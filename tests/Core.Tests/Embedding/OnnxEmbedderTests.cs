using Ragex.Core.Embedding;

namespace Ragex.Core.Tests.Embedding;

public sealed class OnnxEmbedderTests
{
    public static TheoryData<string> Models => [TestModels.ArcticXs, TestModels.MiniLm];

    [Theory]
    [MemberData(nameof(Models))]
    public void AParaphraseIsClearlyCloserThanAnUnrelatedSentence(string modelId)
    {
        using var embedder = TestModels.Embedder(modelId);

        var query = embedder.Embed(["How do I split a URL into its parts?"], EmbeddingPurpose.Query).Single();
        var documents = embedder.Embed(
            ["parse a url into scheme host and path", "the cat sat on the mat"], EmbeddingPurpose.Document);

        var paraphrase = TestModels.Cosine(query, documents[0]);
        var unrelated = TestModels.Cosine(query, documents[1]);
        Assert.True(paraphrase > unrelated + 0.1f, $"{modelId}: paraphrase {paraphrase:F3}, unrelated {unrelated:F3}");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void VectorsHaveTheModelsDimensionAndUnitLength(string modelId)
    {
        using var embedder = TestModels.Embedder(modelId);

        var vectors = embedder.Embed(["", "x", "def main():\n    pass\n"], EmbeddingPurpose.Document);

        Assert.All(vectors, vector =>
        {
            Assert.Equal(embedder.Dimension, vector.Length);
            Assert.Equal(1f, MathF.Sqrt(TestModels.Cosine(vector, vector)), 1e-4f);
        });
    }

    [Theory]
    [Trait("Category", "Slow")]
    [MemberData(nameof(Models))]
    public void ABatchGivesTheSameVectorsInInputOrderAsOneTextAtATime(string modelId)
    {
        // Lengths from 3 tokens to past the 256-token limit, deliberately not in length order, and a batch size that
        // splits them across several padded batches.
        var longText = string.Join(' ', Enumerable.Range(0, 400).Select(i => $"word{i % 37}"));
        string[] texts =
        [
            "def urlsplit(url, scheme='', allow_fragments=True):\n    \"\"\"Parse a URL into 5 components.\"\"\"",
            "x",
            longText,
            "the cat sat on the mat",
            "class OrderedDict(dict):\n    'Dictionary that remembers insertion order'\n" + string.Concat(Enumerable.Repeat("    def f(self): return self\n", 20)),
            "",
        ];
        // fp32: the int8 graph quantizes each batch's activations with one scale, so its vectors move (cosine > 0.998)
        // with what else is in the batch.
        using var embedder = TestModels.Embedder(modelId, new EmbedderOptions { BatchSize = 2, Precision = EmbeddingPrecision.Float32 });

        var batched = embedder.Embed(texts, EmbeddingPurpose.Document);

        Assert.Equal(texts.Length, batched.Length);
        for (var i = 0; i < texts.Length; i++)
        {
            var alone = embedder.Embed([texts[i]], EmbeddingPurpose.Document).Single();
            for (var j = 0; j < alone.Length; j++)
            {
                Assert.True(Math.Abs(alone[j] - batched[i][j]) <= 1e-4f,
                    $"{modelId}: text {i} component {j}: alone {alone[j]}, batched {batched[i][j]}");
            }
        }
    }

    [Fact]
    public void TextsBeyondTheTokenLimitAreTruncated()
    {
        using var embedder = TestModels.Embedder(TestModels.ArcticXs, new EmbedderOptions { MaxTokens = 16 });
        var head = "split a url into scheme host path query and fragment components";

        var vectors = embedder.Embed([head, head + " and then a long unrelated tail about cats, mats and the weather"],
            EmbeddingPurpose.Document);

        Assert.Equal(16, embedder.MaxTokens);
        Assert.True(TestModels.Cosine(vectors[0], vectors[1]) > 0.95f);
    }

    [Fact]
    public void OnlyQueriesGetTheArcticQueryPrefix()
    {
        using var embedder = TestModels.Embedder(TestModels.ArcticXs);
        var text = "recursively copy a directory tree";

        var query = embedder.Embed([text], EmbeddingPurpose.Query).Single();
        var document = embedder.Embed([text], EmbeddingPurpose.Document).Single();
        var prefixed = embedder.Embed([embedder.Model.QueryPrefix + text], EmbeddingPurpose.Document).Single();

        Assert.Equal("Represent this sentence for searching relevant passages: ", embedder.Model.QueryPrefix);
        Assert.True(TestModels.Cosine(query, document) < 0.99f);
        Assert.Equal(1f, TestModels.Cosine(query, prefixed), 1e-4f);
    }

    [Fact]
    public void AnEmptyListNeedsNoModelRun()
    {
        using var embedder = TestModels.Embedder(TestModels.MiniLm);

        Assert.Empty(embedder.Embed([], EmbeddingPurpose.Query));
    }

    [Fact]
    public void ACancelledCallThrows()
    {
        using var embedder = TestModels.Embedder(TestModels.MiniLm);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(
            () => embedder.Embed(["some text"], EmbeddingPurpose.Document, cancellation.Token));
    }

    [Fact]
    public void ConcurrentFirstCallsShareOneSession()
    {
        using var embedder = TestModels.Embedder(TestModels.MiniLm);
        var expected = embedder.Embed(["walk a directory tree"], EmbeddingPurpose.Document).Single();
        using var fresh = TestModels.Embedder(TestModels.MiniLm);

        var results = new float[4][];
        Parallel.For(0, results.Length, i => results[i] = fresh.Embed(["walk a directory tree"], EmbeddingPurpose.Document).Single());

        Assert.All(results, vector => Assert.Equal(1f, TestModels.Cosine(expected, vector), 1e-4f));
    }

    [Fact]
    public void UseAfterDisposeThrows()
    {
        var embedder = TestModels.Embedder(TestModels.MiniLm);
        embedder.Dispose();

        Assert.Throws<ObjectDisposedException>(() => embedder.Embed(["text"], EmbeddingPurpose.Document));
    }

    [Fact]
    public void An_idle_session_gives_its_model_back_and_loads_it_again_when_next_used()
    {
        using var embedder = TestModels.Embedder(TestModels.MiniLm);
        var before = embedder.Embed(["walk a directory tree"], EmbeddingPurpose.Document).Single();

        Assert.False(embedder.ReleaseIfIdle(TimeSpan.FromHours(1)));
        Assert.True(embedder.ReleaseIfIdle(TimeSpan.Zero));
        Assert.False(embedder.IsLoaded);
        var after = embedder.Embed(["walk a directory tree"], EmbeddingPurpose.Document).Single();

        Assert.True(embedder.IsLoaded);
        Assert.Equal(1f, TestModels.Cosine(before, after), 1e-5f);
    }

    [Fact]
    public void The_provider_releases_every_idle_session_it_made_and_forgets_disposed_ones()
    {
        using var provider = new EmbedderProvider(TestModels.ModelsDirectory, TestModels.MiniLm, new EmbedderOptions { ReleaseIdleModelAfter = TimeSpan.Zero });
        provider.Embedder.Embed(["a"], EmbeddingPurpose.Document);
        var owned = provider.CreateSession();
        owned.Embed(["b"], EmbeddingPurpose.Document);
        var disposed = provider.CreateSession();
        disposed.Embed(["c"], EmbeddingPurpose.Document);
        disposed.Dispose();

        Assert.Equal(2, provider.ReleaseIdleSessions());
        Assert.Equal(0, provider.ReleaseIdleSessions());
        owned.Dispose();
    }
}
