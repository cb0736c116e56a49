using Ragex.Core.Storage;
using Ragex.Protocol;

namespace Ragex.Core.Search;

/// <summary>
/// Turns ranked chunks into hits that point at the line answering the query (<see cref="QueryLineScorer"/>), not at
/// the chunk's first line, keeping the chunk's span (StartLine..EndLine) and symbol; with --full-section or -C, the
/// chunk's other lines or the lines around it come as context. Computed here, where the chunk text is, so the daemon
/// and the in-process path print the same lines.
/// </summary>
public sealed class ChunkAnswers(SearchScope scope, SearchRequest request, SearchMode mode)
{
    private readonly QueryLineScorer scorer = new(new QueryWords(request.Query));

    public SearchHit ToHit(RankedChunk ranked)
    {
        var chunk = ranked.Chunk;
        var code = CodeLines(chunk.Text);
        var numbers = LineNumbers(chunk, code);
        var answer = Answer(chunk, code, numbers);
        var hit = new SearchHit(
            scope.Project.Root, chunk.Path, answer.Line, answer.Column, chunk.EndLine, chunk.Kind, chunk.Symbol, answer.Text, Math.Round(ranked.Score, 4), mode)
        {
            StartLine = chunk.StartLine,
            Spans = answer.Spans,
        };
        return request.FullSection || request.ContextLines > 0 ? WithContext(hit, numbers) : hit;
    }

    /// <summary>The chunk at its first line of code, as a hit the reply will not show needs no more.</summary>
    public SearchHit ToFirstLineHit(RankedChunk ranked)
    {
        var chunk = ranked.Chunk;
        return new SearchHit(
            scope.Project.Root, chunk.Path, chunk.StartLine, 1, chunk.EndLine, chunk.Kind, chunk.Symbol, ChunkHits.Preview(chunk.Text), Math.Round(ranked.Score, 4), mode)
        {
            StartLine = chunk.StartLine,
        };
    }

    /// <summary>The best line, else the first line of code; the chunk's first line as before when its lines cannot be placed.</summary>
    private AnsweringLine Answer(StoredChunk chunk, List<string> code, IReadOnlyList<int>? numbers)
    {
        if (numbers is null)
        {
            return new AnsweringLine(chunk.StartLine, 1, ChunkHits.Preview(chunk.Text), []);
        }

        var best = scorer.Best(code) ?? Math.Max(0, code.FindIndex(l => !string.IsNullOrWhiteSpace(l)));
        var spans = scorer.Spans(code[best]);
        return new AnsweringLine(numbers[best], spans.Count > 0 ? spans[0].Start + 1 : 1, code[best], spans);
    }

    /// <summary>Context lines: the chunk's own lines with --full-section, and -C lines of the file around the answering line.</summary>
    private SearchHit WithContext(SearchHit hit, IReadOnlyList<int>? numbers)
    {
        var around = request.ContextLines;
        var first = Math.Max(1, request.FullSection ? Math.Min(hit.SectionStart, hit.Line - around) : hit.Line - around);
        var last = request.FullSection ? Math.Max(hit.EndLine, hit.Line + around) : hit.Line + around;
        var file = FileLines(hit.Path, first, last);
        if (file is null)
        {
            return hit;
        }

        var own = request.FullSection ? new HashSet<int>(numbers ?? Enumerable.Range(hit.SectionStart, hit.EndLine - hit.SectionStart + 1)) : [];
        var context = file.Where(l => l.Line != hit.Line && (own.Contains(l.Line) || Math.Abs(l.Line - hit.Line) <= around))
            .Select(l => new ContextLine(l.Line, l.Text))
            .ToList();
        return hit with { Before = [.. context.Where(c => c.Line < hit.Line)], After = [.. context.Where(c => c.Line > hit.Line)] };
    }

    /// <summary>
    /// The file line of each code line of the chunk. A function or window is contiguous (line i is StartLine + i); a
    /// class keeps only its own lines and a merged window skips the lines between its pieces, so those are found in
    /// the file, in order. Null when the file no longer holds them (changed since it was indexed).
    /// </summary>
    private IReadOnlyList<int>? LineNumbers(StoredChunk chunk, IReadOnlyList<string> code)
    {
        if (code.Count == chunk.EndLine - chunk.StartLine + 1)
        {
            return [.. Enumerable.Range(chunk.StartLine, code.Count)];
        }

        var file = FileLines(chunk.Path, chunk.StartLine, chunk.EndLine);
        if (file is null)
        {
            return null;
        }

        var numbers = new List<int>(code.Count);
        var at = 0;
        foreach (var line in code)
        {
            while (at < file.Count && file[at].Text != line)
            {
                at++;
            }

            if (at == file.Count)
            {
                // A chunk cut at its character limit ends mid-line: the last line is a prefix of the file's.
                return numbers.Count == code.Count - 1 && numbers.Count > 0 ? [.. numbers, Math.Min(numbers[^1] + 1, chunk.EndLine)] : null;
            }

            numbers.Add(file[at++].Line);
        }

        return numbers;
    }

    private List<(int Line, string Text)>? FileLines(string path, int first, int last)
    {
        try
        {
            return [.. File.ReadLines(Path.Combine(scope.Project.Root, path)).Skip(first - 1).Take(last - first + 1)
                .Select((text, i) => (first + i, text.TrimEnd('\r')))];
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The chunk's code lines: its text without the leading context line (path, kind, symbol).</summary>
    private static List<string> CodeLines(string chunkText) =>
        [.. chunkText[(chunkText.IndexOf('\n') + 1)..].Split('\n')];
}
