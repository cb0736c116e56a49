using System.Security.Cryptography;
using System.Text;
using Ragex.Core.Storage;

namespace Ragex.Core.Chunking;

/// <summary>
/// Cuts a file into chunks along its symbol table: one chunk per definition that has an extent (function, method,
/// class, ...), holding its own lines and the comments, doc blocks and annotations just above it (<see cref="LeadingLines"/>) — a class keeps its header and fields, its methods get chunks of their own — and
/// windows over the remaining lines, split at blank lines, so every non-blank line belongs to exactly one chunk.
/// Ids are stable: derived from the path and the qualified symbol (or the window's text), not from line numbers.
/// </summary>
public sealed class Chunker(ChunkerOptions options)
{
    private static readonly HashSet<string> NotDefinitions =
        ["variable", "local", "parameter", "externvar", "label", "field", "member-variable", "enumerator", "unknown", "import", "namespace-alias"];

    public IReadOnlyList<Chunk> Chunk(string path, string content, IReadOnlyList<SymbolRecord> symbols)
    {
        var lines = Lines(content);
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

        var chunks = new List<Chunk>();
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < spans.Count; i++)
        {
            var own = Enumerable.Range(starts[i], spans[i].EndLine!.Value - starts[i] + 1).Where(l => owner[l] == i).ToList();
            var qualified = spans[i].Scope is null ? spans[i].Name : $"{spans[i].Scope}.{spans[i].Name}";
            Add(chunks, occurrences, path, lines, own, qualified, spans[i].Kind, own.Count > 0 ? own[0] : spans[i].Line, spans[i].EndLine!.Value);
        }

        foreach (var window in Windows(owner, lines))
        {
            Add(chunks, occurrences, path, lines, window, null, Chunking.Chunk.WindowKind, window[0], window[^1]);
        }

        return [.. chunks.OrderBy(c => c.StartLine).ThenBy(c => c.EndLine)];
    }

    /// <summary>A file's lines as the chunker numbers them (a final newline ends the last line rather than starting one).</summary>
    public static string[] Lines(string content)
    {
        var lines = content.Split('\n');
        return lines.Length > 0 && lines[^1].Length == 0 ? lines[..^1] : lines;
    }

    /// <summary>Definitions with an extent inside the file (not the short nested ones), outermost first so inner ones overwrite their lines.</summary>
    /// <summary>
    /// A definition inside another that is shorter than this (an interface's method signature, a one-line Kotlin function)
    /// stays in its container's chunk instead of making a chunk of a line or two.
    /// </summary>
    public const int MinNestedDefinitionLines = 2;

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

    private void Add(
        List<Chunk> chunks, Dictionary<string, int> occurrences, string path, string[] lines, List<int> own, string? symbol, string kind, int start, int end)
    {
        var code = string.Join('\n', own.Select(l => lines[l - 1].TrimEnd('\r')));
        if (string.IsNullOrWhiteSpace(code))
        {
            return;
        }

        var text = $"{path}{(symbol is null ? "" : $" {kind} {symbol}")}\n{code}";
        if (text.Length > options.MaxChunkCharacters)
        {
            text = text[..options.MaxChunkCharacters];
        }

        var textHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        var key = symbol is null ? $"window:{textHash}" : $"{kind}:{symbol}";
        occurrences[key] = occurrences.GetValueOrDefault(key) + 1;
        chunks.Add(new Chunk(StableId(path, key, occurrences[key]), start, end, symbol, kind, text, textHash));
    }

    /// <summary>A positive 63-bit id from the path and the chunk's key, so FAISS and SQLite agree across runs.</summary>
    public static long StableId(string path, string key, int occurrence)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{path}\0{key}\0{occurrence}"));
        return (long)(BitConverter.ToUInt64(hash, 0) & 0x7FFF_FFFF_FFFF_FFFF);
    }
}
