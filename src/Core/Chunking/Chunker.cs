using System.Security.Cryptography;
using System.Text;
using Ragex.Core.Storage;

namespace Ragex.Core.Chunking;

/// <summary>
/// Cuts a file into chunks along its symbol table: one chunk per definition that has an extent (function, method,
/// class, ...), holding its own lines and the comments, doc blocks and annotations just above it (<see cref="LeadingLines"/>) — a class keeps its header and fields, its methods get chunks of their own — and
/// windows over the remaining lines, split at blank lines, so every non-blank line belongs to exactly one chunk. Runs
/// of small neighbours (one-line macros, short declarations) are merged into one chunk.
/// </summary>
public sealed class Chunker(ChunkerOptions options)
{
    private static readonly HashSet<string> NotDefinitions =
        ["variable", "local", "parameter", "externvar", "label", "field", "member-variable", "enumerator", "unknown", "import", "namespace-alias"];

    public IReadOnlyList<Chunk> Chunk(string path, string content, IReadOnlyList<SymbolRecord> symbols) => Chunk(path, Lines(content), symbols);

    /// <summary>Chunks of a file already split by <see cref="Lines"/> (the parser needs the lines for extents too).</summary>
    public IReadOnlyList<Chunk> Chunk(string path, string[] lines, IReadOnlyList<SymbolRecord> symbols)
    {
        var spans = Spans(symbols, lines.Length);
        var starts = spans.Select(s => LeadingLines.Start(lines, s.Line)).ToList();
        var owner = new int[lines.Length + 1];
        Array.Fill(owner, -1);
        for (var i = 0; i < spans.Count; i++)
        {
            for (var line = starts[i]; line <= spans[i].EndLine!.Value; line++)
            {
                owner[line] = i;
            }
        }

        var pieces = new List<Piece>();
        for (var i = 0; i < spans.Count; i++)
        {
            var own = Enumerable.Range(starts[i], spans[i].EndLine!.Value - starts[i] + 1).Where(l => owner[l] == i).ToList();
            var qualified = spans[i].Scope is null ? spans[i].Name : $"{spans[i].Scope}.{spans[i].Name}";
            pieces.Add(new Piece(own, qualified, spans[i].Kind, own.Count > 0 ? own[0] : spans[i].Line, spans[i].EndLine!.Value));
        }

        pieces.AddRange(Windows(owner, lines).Select(window => new Piece(window, null, Chunking.Chunk.WindowKind, window[0], window[^1])));
        pieces.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));

        var chunks = new List<Chunk>();
        var pathWords = IdentifierWords.OfPath(path);
        foreach (var piece in Merge(pieces, lines))
        {
            Add(chunks, path, pathWords, lines, piece);
        }

        return [.. chunks.OrderBy(c => c.StartLine).ThenBy(c => c.EndLine)];
    }

    /// <summary>
    /// Runs of small neighbouring pieces (a header's one-line <c>#define</c>s, short declarations, stray lines) become
    /// one window of up to <see cref="ChunkerOptions.MergeCharacters"/>: alone each would cost a row, an index entry
    /// and a vector while meaning little. Every definition keeps its row in the symbol table.
    /// </summary>
    private IEnumerable<Piece> Merge(List<Piece> pieces, string[] lines)
    {
        var group = new List<Piece>();
        var characters = 0;
        foreach (var piece in pieces)
        {
            var size = piece.Lines.Sum(l => lines[l - 1].Length + 1);
            var small = piece.Lines.Count <= options.SmallPieceLines && size <= options.MergeCharacters;
            var fits = group.Count > 0 && piece.Start > group[^1].End && characters + size <= options.MergeCharacters;
            if (!small || !fits)
            {
                foreach (var done in Flush(group))
                {
                    yield return done;
                }

                characters = 0;
            }

            if (small)
            {
                group.Add(piece);
                characters += size;
            }
            else
            {
                yield return piece;
            }
        }

        foreach (var done in Flush(group))
        {
            yield return done;
        }
    }

    private static IEnumerable<Piece> Flush(List<Piece> group)
    {
        if (group.Count == 1)
        {
            yield return group[0];
        }
        else if (group.Count > 1)
        {
            yield return new Piece([.. group.SelectMany(p => p.Lines)], null, Chunking.Chunk.WindowKind, group[0].Start, group[^1].End);
        }

        group.Clear();
    }

    /// <summary>A file's lines as the chunker numbers them (a final newline ends the last line rather than starting one).</summary>
    public static string[] Lines(string content)
    {
        var lines = content.Split('\n');
        return lines.Length > 0 && lines[^1].Length == 0 ? lines[..^1] : lines;
    }

    /// <summary>
    /// A definition inside another that is shorter than this (an interface's method signature, a one-line Kotlin function)
    /// stays in its container's chunk instead of making a chunk of a line or two.
    /// </summary>
    public const int MinNestedDefinitionLines = 2;

    /// <summary>Definitions with an extent inside the file (not the short nested ones), outermost first so inner ones overwrite their lines.</summary>
    private static List<SymbolRecord> Spans(IReadOnlyList<SymbolRecord> symbols, int lineCount) =>
        symbols.Where(s => s.EndLine is { } end && end >= s.Line && s.Line >= 1 && end <= lineCount && !NotDefinitions.Contains(s.Kind)
                && (s.Scope is null || end - s.Line + 1 >= MinNestedDefinitionLines))
            .GroupBy(s => (s.Line, s.EndLine))
            .Select(g => g.First())
            .OrderBy(s => s.Line)
            .ThenByDescending(s => s.EndLine)
            .ToList();

    /// <summary>Runs of unowned lines, cut at blank lines into windows of at most MaxWindowLines; blank-only runs dropped.</summary>
    private IEnumerable<List<int>> Windows(int[] owner, string[] lines)
    {
        var current = new List<int>();
        for (var line = 1; line <= lines.Length; line++)
        {
            var free = owner[line] == -1;
            if (free)
            {
                current.Add(line);
            }

            var full = current.Count >= options.MaxWindowLines && string.IsNullOrWhiteSpace(lines[line - 1]);
            if ((!free || full || current.Count >= options.MaxWindowLines * 2) && current.Count > 0)
            {
                if (Trim(current, lines) is { Count: > 0 } trimmed)
                {
                    yield return trimmed;
                }

                current = [];
            }
        }

        if (Trim(current, lines) is { Count: > 0 } last)
        {
            yield return last;
        }
    }

    private static List<int> Trim(List<int> window, string[] lines)
    {
        var start = window.FindIndex(l => !string.IsNullOrWhiteSpace(lines[l - 1]));
        var end = window.FindLastIndex(l => !string.IsNullOrWhiteSpace(lines[l - 1]));
        return start < 0 ? [] : window.GetRange(start, end - start + 1);
    }

    private void Add(List<Chunk> chunks, string path, string pathWords, string[] lines, Piece piece)
    {
        var (own, symbol, kind, start, end) = piece;
        var code = string.Join('\n', own.Select(l => lines[l - 1].TrimEnd('\r')));
        if (string.IsNullOrWhiteSpace(code))
        {
            return;
        }

        var text = $"{path}{(symbol is null ? "" : $" {kind} {symbol}")}\n{code}";
        var clipped = text.Length > options.MaxChunkCharacters;
        if (clipped)
        {
            text = text[..options.MaxChunkCharacters];
        }

        var textHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        chunks.Add(new Chunk(start, end, symbol, kind, text, textHash) { PathWords = pathWords, Clipped = clipped });
    }

    /// <summary>A definition's or a window's own lines (1-based, ascending) before they become a chunk.</summary>
    private sealed record Piece(List<int> Lines, string? Symbol, string Kind, int Start, int End);
}
