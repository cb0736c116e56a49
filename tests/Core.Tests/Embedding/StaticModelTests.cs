using Ragex.Core.Embedding;

namespace Ragex.Core.Tests.Embedding;

public sealed class StaticModelTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public void DistillingTwiceGivesTheSameBytes()
    {
        var model = TestModels.Locate(TestModels.ArcticXs);
        var options = new StaticDistillOptions { TokenLimit = 400, Dimension = 16 };

        var first = StaticDistiller.Distill(model, options).ToBytes();
        var second = StaticDistiller.Distill(model, options).ToBytes();

        Assert.Equal(first, second);
    }

    [Fact]
    public void ADistilledTableHasOneRowPerVocabularyTokenAndZeroRowsForUnusedTokens()
    {
        var model = TestModels.Locate(TestModels.ArcticXs);
        var vocabulary = File.ReadAllLines(model.VocabularyPath);

        var table = StaticDistiller.Distill(model, new StaticDistillOptions { TokenLimit = 200, Dimension = 8 });

        Assert.Equal(vocabulary.Length, table.Rows);
        Assert.Equal(8, table.Dimension);
        var unused = Array.FindIndex(vocabulary, t => t.StartsWith("[unused", StringComparison.Ordinal));
        Assert.All(table.Row(unused).ToArray(), v => Assert.Equal(0f, v));
        Assert.Contains(table.Row(0).ToArray(), v => v != 0f);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void A_distilled_table_gives_the_pinned_row()
    {
        var model = TestModels.Locate(TestModels.ArcticXs);

        var table = StaticDistiller.Distill(model, new StaticDistillOptions { TokenLimit = 2000, Dimension = 8 });

        Assert.Equal(PinnedThe, table.Row(TheToken).ToArray()[..4], new ToleranceComparer(1e-3f));
    }

    [Fact]
    public void PiecesCachedOneByOneGiveTheVectorOfTheWholeTextTokenized()
    {
        var model = StaticModelStore.LoadOrDistill(TestModels.Locate(TestModels.ArcticXs), new StaticDistillOptions(), anyRecipe: true);
        var embedder = new StaticEmbedder(model);
        var tokenizer = model.Source.CreateTokenizer();
        string[] texts =
        [
            "email/utils.py parsedate_tz\ndef parsedate_tz(data):\n    \"\"\"Convert a date string to a time tuple.\"\"\"",
            "Ünïcödé café naïve — «quotes» and 日本語 text; x->y != z && a||b",
            "getUserName(user_id: int) -> str { return users[user_id].name; }",
            string.Join(' ', Enumerable.Range(0, 700).Select(i => $"w{i % 50}")),
            "",
        ];

        foreach (var text in texts)
        {
            // Hugging Face's BERT splits at every ASCII symbol and at line breaks; Microsoft.ML.Tokenizers keeps '_'
            // inside a word and joins words across a line break. Spaces make both tokenize alike.
            var split = string.Concat(text.Select(c => char.IsWhiteSpace(c) ? " " : char.IsAscii(c) && (char.IsPunctuation(c) || char.IsSymbol(c)) ? $" {c} " : c.ToString()));
            var ids = tokenizer.EncodeToIds(split, addSpecialTokens: false).Where(id => id != tokenizer.UnknownTokenId).Take(StaticEmbedder.MaxTokens);
            var expected = new float[model.Dimension];
            foreach (var id in ids)
            {
                for (var i = 0; i < expected.Length; i++)
                {
                    expected[i] += model.Table.Row(id)[i];
                }
            }

            Assert.Equal(ids, embedder.TokenIds(text));
            var norm = MathF.Sqrt(expected.Sum(v => v * v));
            Assert.Equal(expected.Select(v => norm > 0 ? v / norm : 0f), embedder.Embed(text), new ToleranceComparer(1e-5f));
        }
    }

    [Fact]
    public void ForgottenPiecesAreNoLongerHeldAndTheSameTextStillGetsTheSameVector()
    {
        var model = StaticModelStore.LoadOrDistill(TestModels.Locate(TestModels.ArcticXs), new StaticDistillOptions(), anyRecipe: true);
        var embedder = new StaticEmbedder(model);
        const string Text = "static int kmalloc_array(size_t n, size_t size, gfp_t flags)";
        var before = embedder.Embed(Text);
        Assert.True(embedder.Pieces.Remembered > 0);

        embedder.Pieces.Forget();

        Assert.Equal(0, embedder.Pieces.Remembered);
        Assert.Equal(before, embedder.Embed(Text));
    }

    [Fact]
    public void ATableSurvivesSaveAndLoadAndADamagedOneIsRefused()
    {
        using var directory = new Support.TemporaryDirectory();
        var table = new StaticTable(3, 2, [1f, 2f, 3f, 4f, 5f, 6f]);
        var path = directory.Combine("static.bin");

        var sha = table.Save(path);
        Assert.Equal(table.Values, StaticTable.Load(path, sha).Values);

        var bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 1;
        File.WriteAllBytes(path, bytes);
        Assert.Throws<InvalidDataException>(() => StaticTable.Load(path, sha));
    }

    // arctic-embed-xs's token "the", and the first components of its row in a table distilled from the first 2,000
    // tokens to 8 dimensions.
    private const int TheToken = 1996;
    private static readonly float[] PinnedThe = [-0.3412f, -0.3707f, -0.4495f, 0.0968f];

    private sealed class ToleranceComparer(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => MathF.Abs(x - y) <= tolerance;

        public int GetHashCode(float value) => 0;
    }
}
