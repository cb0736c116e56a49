using BenchmarkDotNet.Attributes;
using Microsoft.ML.Tokenizers;

namespace Ragex.MicroBench;

/// <summary>WordPiece tokenization of 16 chunk texts with the model's vocab.txt, options as OnnxEmbedder sets them.</summary>
public class TokenizerBenchmarks
{
    private BertTokenizer tokenizer = null!;
    private IReadOnlyList<string> texts = [];

    [GlobalSetup]
    public void Setup()
    {
        tokenizer = BertTokenizer.Create(ModelPaths.Default.VocabularyPath, new BertOptions
        {
            LowerCaseBeforeTokenization = true,
            RemoveNonSpacingMarks = true,
            ApplyBasicTokenization = true,
            IndividuallyTokenizeCjk = true,
        });
        texts = SampleTexts.Take(16);
    }

    [Benchmark(Description = "tokenize 16 chunks (256-token cap)")]
    public int Tokenize16()
    {
        var total = 0;
        foreach (var text in texts)
        {
            total += tokenizer.EncodeToIds(text, 256, addSpecialTokens: true, out _, out _).Count;
        }

        return total;
    }
}
