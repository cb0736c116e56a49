using System.Numerics;
using System.Runtime.Intrinsics;
using System.Text;

namespace Ragex.Core.Search;

/// <summary>
/// The distinct symbol names of an index, packed for fuzzy lookup: UTF-8 bytes grouped by length, each with a 64-bit
/// set of the (lower-cased) characters it contains. <see cref="Find"/> returns what scoring every name with
/// <see cref="SymbolMatcher"/> would, in the same order, while reading only names that can match: an edit-distance
/// match has a length within the allowed distance and at most that many characters the other lacks, either way; a
/// subsequence match contains every character of the query and is no shorter, and is read only while its length
/// can still score among the best. A name costs its UTF-8 bytes and 20 more.
/// </summary>
public sealed class SymbolNameIndex
{
    private readonly byte[] text;
    private readonly int[] starts;
    private readonly ulong[] masks;

    /// <summary>Per name, the bits of <see cref="masks"/> whose characters it holds at least twice.</summary>
    private readonly ulong[] repeats;

    /// <summary>lengthStarts[n] is the position of the first name n characters long; names are grouped by length.</summary>
    private readonly int[] lengthStarts;

    private SymbolNameIndex(byte[] text, int[] starts, ulong[] masks, ulong[] repeats, int[] lengthStarts)
    {
        this.text = text;
        this.starts = starts;
        this.masks = masks;
        this.repeats = repeats;
        this.lengthStarts = lengthStarts;
    }

    public int Count => masks.Length;

    private int MaxLength => lengthStarts.Length - 2;

    /// <summary>
    /// Packs <paramref name="names"/>, which must be distinct; an order-preserving sort by length keeps ties as given.
    /// The names are read once, as a stream: each is encoded as it arrives, so a caller reading them from the index
    /// never holds them all as strings (the kernel's 3M names took 200 MiB more that way).
    /// </summary>
    public static SymbolNameIndex Build(IEnumerable<string> names)
    {
        var arrived = new PackedNames();
        foreach (var name in names)
        {
            arrived.Add(name);
        }

        var lengthStarts = new int[arrived.MaxLength + 2];
        for (var i = 0; i < arrived.Count; i++)
        {
            lengthStarts[arrived.Lengths[i] + 1]++;
        }

        for (var length = 1; length < lengthStarts.Length; length++)
        {
            lengthStarts[length] += lengthStarts[length - 1];
        }

        var next = (int[])lengthStarts.Clone();
        var order = new int[arrived.Count];
        for (var i = 0; i < arrived.Count; i++)
        {
            order[next[arrived.Lengths[i]]++] = i;
        }

        var text = new byte[arrived.Bytes];
        var starts = new int[arrived.Count + 1];
        var masks = new ulong[arrived.Count];
        var repeats = new ulong[arrived.Count];
        var offset = 0;
        for (var position = 0; position < order.Length; position++)
        {
            var name = arrived.Name(order[position]);
            starts[position] = offset;
            name.CopyTo(text.AsSpan(offset));
            offset += name.Length;
            masks[position] = arrived.Masks[order[position]];
            repeats[position] = arrived.Repeats[order[position]];
        }

        starts[order.Length] = offset;
        return new SymbolNameIndex(text, starts, masks, repeats, lengthStarts);
    }

    /// <summary>
    /// Names the prefix lookup already answers: those starting with the query, and the query behind a sigil ($, @).
    /// </summary>
    public static bool CoveredByPrefix(string query, string name) =>
        name.StartsWith(query, StringComparison.OrdinalIgnoreCase)
        || (name.Length == query.Length + 1 && name[0] is '$' or '@' && name.AsSpan(1).Equals(query, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The <paramref name="limit"/> best names by <see cref="SymbolMatcher.Score"/> above 0, leaving out those
    /// <see cref="CoveredByPrefix"/>; ties in ordinal order.
    /// </summary>
    public FuzzyNames Find(string query, int limit)
    {
        if (query.Length == 0 || limit <= 0)
        {
            return new FuzzyNames([], 0);
        }

        var queryMask = Mask(query, out var queryRepeats);
        var asciiQuery = Ascii.IsValid(query) ? Encoding.ASCII.GetBytes(query.ToLowerInvariant()) : null;
        var queryCounts = new short[128];
        foreach (var b in asciiQuery ?? [])
        {
            queryCounts[b]++;
        }

        var found = new List<ScoredName>();
        var verified = 0;

        // Names within the allowed edit distance: as long as the query give or take that, and lacking (or adding) at
        // most that many of its characters. Subsequence matches among them are scored as such.
        var allowed = Math.Max(1, query.Length / 4);
        var lastTypoLength = Math.Min(MaxLength, query.Length + allowed);
        for (var length = Math.Max(0, query.Length - allowed); length <= lastTypoLength; length++)
        {
            for (var i = lengthStarts[length]; i < lengthStarts[length + 1]; i++)
            {
                // Each edit changes the character counts by at most two: counting the characters held once or more
                // and twice or more that one name has and the other lacks gives a lower bound on that change.
                var mask = masks[i];
                if (BitOperations.PopCount(queryMask & ~mask) > allowed || BitOperations.PopCount(mask & ~queryMask) > allowed
                    || BitOperations.PopCount(queryMask ^ mask) + BitOperations.PopCount(queryRepeats ^ repeats[i]) > 2 * allowed)
                {
                    continue;
                }

                verified++;
                var bytes = Bytes(i);
                if (asciiQuery is not null && Ascii.IsValid(bytes))
                {
                    // Scored on the bytes; only a name that scores becomes a string.
                    var asciiScore = Score(asciiQuery, queryCounts, bytes, allowed);
                    if (asciiScore > 0)
                    {
                        found.Add(new ScoredName(Encoding.ASCII.GetString(bytes), asciiScore));
                    }

                    continue;
                }

                var name = Encoding.UTF8.GetString(bytes);
                var score = CoveredByPrefix(query, name) ? 0 : SymbolMatcher.Score(query, name);
                if (score > 0)
                {
                    found.Add(new ScoredName(name, score));
                }
            }
        }

        // Subsequences: the score falls with the name's length, so whole length groups are read, shortest first,
        // until enough names already score above the next group.
        var typos = new HashSet<string>(found.Select(n => n.Name), StringComparer.Ordinal);
        var holding = new List<int>();
        for (var length = query.Length; length <= MaxLength; length++)
        {
            var groupScore = SymbolMatcher.Subsequence(query.Length, length);
            if (found.Count(n => n.Score > groupScore) >= limit)
            {
                break;
            }

            holding.Clear();
            Holding(queryMask, lengthStarts[length], lengthStarts[length + 1], holding);
            foreach (var i in holding)
            {
                verified++;
                var bytes = Bytes(i);
                string name;
                if (asciiQuery is not null && Ascii.IsValid(bytes))
                {
                    if (CoveredByPrefix(asciiQuery, bytes) || !IsSubsequence(asciiQuery, bytes))
                    {
                        continue;
                    }

                    name = Encoding.ASCII.GetString(bytes);
                }
                else
                {
                    name = Encoding.UTF8.GetString(bytes);
                    if (CoveredByPrefix(query, name) || !SymbolMatcher.IsSubsequence(query, name))
                    {
                        continue;
                    }
                }

                if (length > lastTypoLength || !typos.Contains(name))
                {
                    found.Add(new ScoredName(name, groupScore));
                }
            }
        }

        found.Sort(ScoredName.Compare);
        return new FuzzyNames(found.Count > limit ? found.GetRange(0, limit) : found, verified);
    }

    /// <summary>
    /// The positions from <paramref name="from"/> to <paramref name="to"/> whose names hold every character of
    /// <paramref name="queryMask"/>, four masks at a time where the processor can (a subsequence lookup may read all
    /// of the kernel's 3M masks).
    /// </summary>
    private void Holding(ulong queryMask, int from, int to, List<int> into)
    {
        var span = masks.AsSpan(from, to - from);
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var query = Vector256.Create(queryMask);
            for (; i + Vector256<ulong>.Count <= span.Length; i += Vector256<ulong>.Count)
            {
                var block = Vector256.Create<ulong>(span.Slice(i, Vector256<ulong>.Count));
                for (var hits = Vector256.Equals(block & query, query).ExtractMostSignificantBits(); hits != 0; hits &= hits - 1)
                {
                    into.Add(from + i + BitOperations.TrailingZeroCount(hits));
                }
            }
        }

        for (; i < span.Length; i++)
        {
            if ((span[i] & queryMask) == queryMask)
            {
                into.Add(from + i);
            }
        }
    }

    /// <summary>
    /// One bit per lower-cased letter, digit and underscore; other characters share the remaining bits.
    /// <paramref name="repeats"/> has the bits whose characters occur at least twice.
    /// </summary>
    public static ulong Mask(string name, out ulong repeats)
    {
        var mask = 0UL;
        repeats = 0UL;
        foreach (var c in name)
        {
            var bit = Bit(char.ToLowerInvariant(c));
            repeats |= mask & bit;
            mask |= bit;
        }

        return mask;
    }

    private static ulong Bit(char c) => c switch
    {
        >= 'a' and <= 'z' => 1UL << (c - 'a'),
        >= '0' and <= '9' => 1UL << (26 + c - '0'),
        '_' => 1UL << 36,
        < (char)128 => 1UL << (37 + (c % 26)),
        _ => 1UL << 63,
    };

    private ReadOnlySpan<byte> Bytes(int position) => text.AsSpan(starts[position], starts[position + 1] - starts[position]);

    private static bool CoveredByPrefix(ReadOnlySpan<byte> query, ReadOnlySpan<byte> name) =>
        (name.Length >= query.Length && Ascii.EqualsIgnoreCase(name[..query.Length], query))
        || (name.Length == query.Length + 1 && name[0] is (byte)'$' or (byte)'@' && Ascii.EqualsIgnoreCase(name[1..], query));

    /// <summary>
    /// <see cref="SymbolMatcher.Score"/> of an ASCII name for an ASCII query (lower-cased), 0 for a name the prefix
    /// lookup covers: what remains of it is a subsequence or a typo within <paramref name="allowed"/> edits.
    /// </summary>
    private static double Score(ReadOnlySpan<byte> query, ReadOnlySpan<short> queryCounts, ReadOnlySpan<byte> name, int allowed)
    {
        if (CoveredByPrefix(query, name))
        {
            return 0;
        }

        if (IsSubsequence(query, name))
        {
            return SymbolMatcher.Subsequence(query.Length, name.Length);
        }

        var lowered = name.Length <= 256 ? stackalloc byte[name.Length] : new byte[name.Length];
        Ascii.ToLower(name, lowered, out _);

        // Each edit changes the two names' character counts by at most two (a swap by none): names whose counts
        // differ by more than twice the allowed edits are no typo, and most of those the masks let through go here.
        Span<short> unmatched = stackalloc short[128];
        queryCounts.CopyTo(unmatched);
        var common = 0;
        foreach (var b in lowered)
        {
            if (unmatched[b] > 0)
            {
                unmatched[b]--;
                common++;
            }
        }

        if (query.Length + lowered.Length - (2 * common) > 2 * allowed)
        {
            return 0;
        }

        var distance = SymbolMatcher.EditDistance<byte>(query, lowered, allowed);
        return distance <= allowed ? SymbolMatcher.Typo(distance) : 0;
    }

    /// <summary><see cref="SymbolMatcher.IsSubsequence"/> over ASCII bytes, the query already lower-cased.</summary>
    private static bool IsSubsequence(ReadOnlySpan<byte> query, ReadOnlySpan<byte> name)
    {
        var position = 0;
        foreach (var b in name)
        {
            var lower = b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b + 32) : b;
            if (lower == query[position] && ++position == query.Length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Names in their order of arrival: UTF-8 bytes end to end, with each one's start, length and character set.</summary>
    private sealed class PackedNames
    {
        public byte[] Text { get; private set; } = new byte[1 << 16];

        public List<int> Starts { get; } = [0];

        public List<int> Lengths { get; } = [];

        public List<ulong> Masks { get; } = [];

        public List<ulong> Repeats { get; } = [];

        public int Count => Lengths.Count;

        public int Bytes => Starts[^1];

        public int MaxLength { get; private set; }

        /// <summary>The UTF-8 bytes of the <paramref name="index"/>th name to arrive.</summary>
        public ReadOnlySpan<byte> Name(int index) => Text.AsSpan(Starts[index], Starts[index + 1] - Starts[index]);

        public void Add(string name)
        {
            var size = Encoding.UTF8.GetByteCount(name);
            if (Bytes + size > Text.Length)
            {
                var grown = Text;
                Array.Resize(ref grown, Math.Max(Bytes + size, Text.Length * 2));
                Text = grown;
            }

            Starts.Add(Bytes + Encoding.UTF8.GetBytes(name, Text.AsSpan(Bytes)));
            Lengths.Add(name.Length);
            Masks.Add(Mask(name, out var repeated));
            Repeats.Add(repeated);
            MaxLength = Math.Max(MaxLength, name.Length);
        }
    }
}
