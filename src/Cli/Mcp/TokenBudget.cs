using Ragex.Core;

namespace Ragex.Cli.Mcp;

/// <summary>
/// How much of a list fits in an answer of at most a number of tokens. Entries are counted one by one to find where
/// the budget runs out, then the whole answer is counted, since tokens at the joins need not add up exactly.
/// </summary>
public static class TokenBudget
{
    public const int Minimum = 100;
    public const int Default = 2_000;

    public static void Check(int maxTokens)
    {
        if (maxTokens < Minimum)
        {
            throw new RagexException($"max_tokens {maxTokens} is too small; it must be at least {Minimum}");
        }
    }

    /// <summary>The largest n for which <paramref name="render"/>(n) fits; 0 when even one entry does not.</summary>
    /// <param name="entry">The text one entry adds to the answer (given the entry before it, or null).</param>
    /// <param name="render">The whole answer with the first n entries.</param>
    public static int Fit<T>(IReadOnlyList<T> entries, Func<T, T?, string> entry, Func<int, string> render, int maxTokens)
    {
        var estimate = TokenCounter.Count(render(0));
        var count = 0;
        while (count < entries.Count)
        {
            estimate += TokenCounter.Count(entry(entries[count], count == 0 ? default : entries[count - 1]));
            if (estimate > maxTokens)
            {
                break;
            }

            count++;
        }

        while (count > 0 && TokenCounter.Count(render(count)) > maxTokens)
        {
            count--;
        }

        return count;
    }

    /// <summary>True when the answer fits.</summary>
    public static bool Fits(string answer, int maxTokens) => TokenCounter.Count(answer) <= maxTokens;
}
