using Microsoft.ML.Tokenizers;

namespace Ragex.Cli.Mcp;

/// <summary>
/// Counts tokens the way GPT-4o does (tiktoken's o200k_base, shipped in the executable): an estimate for other models'
/// tokenizers, which split code into a similar number of pieces. Loaded on the first count (a few hundred ms).
/// </summary>
public static class TokenCounter
{
    public const string Encoding = "o200k_base";

    private static readonly Lazy<Tokenizer> Tokenizer = new(() => TiktokenTokenizer.CreateForEncoding(Encoding));

    public static int Count(string text) => text.Length == 0 ? 0 : Tokenizer.Value.CountTokens(text);
}
