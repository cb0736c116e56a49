using Ragex.Core.Embedding;
using Ragex.Core.Tests.Support;

namespace Ragex.Core.Tests.Embedding;

public sealed class StaticTrainingTests
{
    [Theory]
    [InlineData("x.py function f\ndef parse(url):\n    \"\"\"Split a URL into its scheme, host and path.\n\n    More.\"\"\"", "Split a URL into its scheme, host and path.")]
    [InlineData("x.go func F\n// Parse reads a config file and returns its sections. It fails on syntax errors.\nfunc Parse(path string) {", "Parse reads a config file and returns its sections.")]
    [InlineData("x.rs function f\n/// Returns the number of items\n/// in the queue.\npub fn len(&self) -> usize {", "Returns the number of items in the queue.")]
    [InlineData("x.py function f\ndef f():\n    \"\"\"Do it.\"\"\"", null)]
    [InlineData("x.c function f\n/* Copyright 2020 Someone, all rights reserved */\nint f(void) {", null)]
    [InlineData("x.py function f\ndef f(a, b):\n    return a + b", null)]
    public void The_first_doc_sentence_is_the_question(string chunk, string? question)
    {
        Assert.Equal(question, DocSentences.FirstSentence(chunk));
    }

    [Fact]
    public void Questions_come_from_every_tree_in_turn_and_never_from_excluded_directories()
    {
        using var python = new TemporaryDirectory();
        using var go = new TemporaryDirectory();
        python.Write("pkg/a.py", "def one():\n    \"\"\"Return the first item of the list given.\"\"\"\n\n\ndef two():\n    \"\"\"Return the second item of the list given.\"\"\"\n");
        python.Write("flask/app.py", "def route():\n    \"\"\"Register a view function for a given URL rule.\"\"\"\n");
        python.Write("pkg/tests/t.py", "def test():\n    \"\"\"Check that the first item is returned.\"\"\"\n");
        go.Write("x/net.go", "// Dial connects to the address on the named network.\nfunc Dial(network, address string) {\n}\n");
        go.Write("serde-1.0.152/src/lib.rs", "/// Serialize this value into the given serializer.\nfn serialize() {\n}\n");

        var questions = TrainingQuestions.Mine([python.Path, go.Path, "/no/such/tree"], ["flask", "tests", "serde"], limit: 10);

        Assert.Equal(
            ["Return the first item of the list given.", "Dial connects to the address on the named network.", "Return the second item of the list given."],
            questions);
        Assert.Equal(questions, TrainingQuestions.Mine([python.Path, go.Path], ["flask", "tests", "serde"], limit: 10));
    }

    [Fact]
    public void Training_moves_a_table_towards_its_targets_and_gives_the_same_bytes_twice()
    {
        var truth = Table(seed: 1);
        var examples = Enumerable.Range(0, 400).Select(i =>
        {
            var random = new Random(i);
            int[] ids = [.. Enumerable.Range(0, 5).Select(_ => random.Next(50))];
            var target = new float[8];
            foreach (var id in ids)
            {
                for (var j = 0; j < 8; j++)
                {
                    target[j] += truth.Row(id)[j];
                }
            }

            var norm = MathF.Sqrt(target.Sum(v => v * v));
            return StaticTrainer.Example.Of(ids, [.. target.Select(v => v / norm)])!;
        }).ToList();
        var scale = Enumerable.Repeat(1f, 50).ToArray();

        var first = Table(seed: 2);
        var (before, after) = StaticTrainer.Train(first, examples, scale, new StaticTrainer.Options { MaxEpochs = 20 });
        var second = Table(seed: 2);
        StaticTrainer.Train(second, examples, scale, new StaticTrainer.Options { MaxEpochs = 20 });

        Assert.True(after < before / 4, $"held-out loss {before:0.000} -> {after:0.000}");
        Assert.Equal(first.ToBytes(), second.ToBytes());
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Distilling_with_training_questions_twice_gives_the_same_bytes()
    {
        var model = TestModels.Locate(TestModels.ArcticXs);
        var options = new StaticDistillOptions { TokenLimit = 3000, Dimension = 16, MinimumTrainingQuestions = 10 };
        string[] questions =
        [
            "Split a URL into its scheme, host and path.", "Return the number of items in the queue.",
            "Read a configuration file and return its sections.", "Open a connection to the database server.",
            "Compress the given bytes with the deflate algorithm.", "Sort the list in place by the given key.",
            "Parse a date string into a time tuple.", "Send an email message through an SMTP server.",
            "Copy a directory tree to a new location.", "Wait until the lock is released or the timeout expires.",
            "Convert a colour from hex notation to red, green and blue.", "Retry the call after a growing delay.",
        ];

        var first = StaticDistiller.Distill(model, options, questions).ToBytes();
        var second = StaticDistiller.Distill(model, options, questions).ToBytes();

        Assert.Equal(first, second);
        Assert.NotEqual(first, StaticDistiller.Distill(model, options).ToBytes());
    }

    private static StaticTable Table(int seed)
    {
        var random = new Random(seed);
        return new StaticTable(50, 8, [.. Enumerable.Range(0, 400).Select(_ => (float)((random.NextDouble() * 2) - 1))]);
    }
}
