namespace Ragex.Core.Search;

/// <summary>
/// How well a symbol name answers a query, from 1 (exact) down: case-insensitive equality (or equality but for a leading
/// sigil, $ or @), prefix, then subsequence and small edit distance (swaps count once) interleaved. 0 means no match.
/// </summary>
public static class SymbolMatcher
{
    public const double Exact = 1.0;
    public const double ExactIgnoringCase = 0.9;

    public static double Score(string query, string name)
    {
        if (name == query)
        {
            return Exact;
        }

        // A sigil ($ZodType, @name) marks a name without changing the word a reader asks for.
        if (name.Equals(query, StringComparison.OrdinalIgnoreCase) || (name.Length > 1 && name[0] is '$' or '@' && name.AsSpan(1).Equals(query, StringComparison.OrdinalIgnoreCase)))
        {
            return ExactIgnoringCase;
        }

        var coverage = (double)query.Length / Math.Max(name.Length, 1);
        if (name.StartsWith(query, StringComparison.OrdinalIgnoreCase))
        {
            return 0.6 + (0.2 * coverage);
        }

        if (IsSubsequence(query, name))
        {
            return Subsequence(query.Length, name.Length);
        }

        var allowed = Math.Max(1, query.Length / 4);
        var distance = EditDistance(query.ToLowerInvariant(), name.ToLowerInvariant(), allowed);
        return distance <= allowed ? Typo(distance) : 0;
    }

    /// <summary>
    /// A name one edit away outranks a subsequence scattered over a name much longer than the query (coverage under
    /// 0.6): among the Linux kernel's names, kmemleak_lock and KMALLOC_CGROUP had buried kmalloc under `kmlaloc`.
    /// </summary>
    public static double Typo(int distance) => 0.52 - (0.1 * distance);

    /// <summary>The score of a subsequence match of a query <paramref name="queryLength"/> long in a name <paramref name="nameLength"/> long.</summary>
    public static double Subsequence(int queryLength, int nameLength) => 0.3 + (0.2 * queryLength / Math.Max(nameLength, 1));

    public static bool IsSubsequence(string query, string name)
    {
        var position = 0;
        foreach (var c in name)
        {
            if (position < query.Length && char.ToLowerInvariant(c) == char.ToLowerInvariant(query[position]))
            {
                position++;
            }
        }

        return position == query.Length;
    }

    /// <summary>
    /// Edit distance counting an insertion, a deletion, a substitution or a swap of two neighbouring characters as one
    /// edit (optimal string alignment: a swapped pair is the commonest typo), giving up (returning limit + 1) once it
    /// must exceed <paramref name="limit"/>.
    /// </summary>
    public static int EditDistance(string a, string b, int limit) => EditDistance<char>(a, b, limit);

    /// <inheritdoc cref="EditDistance(string, string, int)"/>
    /// <remarks>Over characters or over ASCII bytes alike (a name index scores millions of names without decoding them).</remarks>
    public static int EditDistance<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, int limit)
        where T : IEquatable<T>
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        var width = b.Length + 1;
        var rows = width <= 128 ? stackalloc int[3 * width] : new int[3 * width];
        var beforePrevious = rows[..width];
        var previous = rows.Slice(width, width);
        var current = rows[(2 * width)..];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMinimum = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1].Equals(b[j - 1]) ? 0 : 1);
                var best = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
                if (i > 1 && j > 1 && a[i - 1].Equals(b[j - 2]) && a[i - 2].Equals(b[j - 1]))
                {
                    best = Math.Min(best, beforePrevious[j - 2] + 1);
                }

                current[j] = best;
                rowMinimum = Math.Min(rowMinimum, best);
            }

            // A swap reaches back two rows, so the previous row's minimum may still lead under the limit.
            if (rowMinimum > limit && Min(previous) > limit)
            {
                return limit + 1;
            }

            var reused = beforePrevious;
            beforePrevious = previous;
            previous = current;
            current = reused;
        }

        return Math.Min(previous[b.Length], limit + 1);
    }

    private static int Min(ReadOnlySpan<int> row)
    {
        var minimum = int.MaxValue;
        foreach (var value in row)
        {
            minimum = Math.Min(minimum, value);
        }

        return minimum;
    }
}
