using System.Text;
using System.Text.Json;
using Ragex.Protocol;

namespace Ragex.Core.Search;

/// <summary>
/// Turns the lines of <c>rg --json</c> into hits. Context lines are attached to the nearest match within the
/// requested context distance, before or after it. Byte offsets become UTF-16 columns. Lines are read as UTF-8 with a
/// forward-only reader and only the fields a hit keeps are decoded: on the Linux kernel a regex finds tens of
/// thousands of lines, and building a document per line cost more than ripgrep's search.
/// </summary>
public sealed class RipgrepJsonParser(string root, int contextLines)
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 8 };

    private readonly List<SearchHit> hits = [];
    private readonly List<ContextLine> pendingBefore = [];
    private readonly List<(int Start, int End)> submatches = [];
    private string? currentPath;

    public IReadOnlyList<SearchHit> Hits => hits;

    /// <summary>Feeds one line of output; returns true when it completed a match.</summary>
    public bool Feed(string line) => Feed(Encoding.UTF8.GetBytes(line));

    /// <summary>Feeds one line of output as UTF-8, without its newline; returns true when it completed a match.</summary>
    public bool Feed(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line, ReaderOptions);
        Expect(ref reader, JsonTokenType.StartObject);
        var type = MessageType.Other;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = reader.ValueTextEquals("match"u8) ? MessageType.Match
                    : reader.ValueTextEquals("context"u8) ? MessageType.Context
                    : reader.ValueTextEquals("begin"u8) ? MessageType.Begin
                    : MessageType.Other;
            }
            else if (reader.ValueTextEquals("data"u8) && type != MessageType.Other)
            {
                reader.Read();
                return Data(ref reader, type);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return false;
    }

    private bool Data(ref Utf8JsonReader reader, MessageType type)
    {
        string? path = null;
        string? lines = null;
        var lineNumber = 0;
        submatches.Clear();
        Expect(ref reader, JsonTokenType.StartObject);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("path"u8) && (type == MessageType.Begin || currentPath is null))
            {
                reader.Read();
                path = Text(ref reader);
            }
            else if (reader.ValueTextEquals("lines"u8))
            {
                reader.Read();
                lines = Text(ref reader);
            }
            else if (reader.ValueTextEquals("line_number"u8))
            {
                reader.Read();
                lineNumber = reader.TokenType == JsonTokenType.Number ? reader.GetInt32() : 0;
            }
            else if (reader.ValueTextEquals("submatches"u8))
            {
                reader.Read();
                Submatches(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        switch (type)
        {
            case MessageType.Begin:
                currentPath = Normalize(path ?? "");
                pendingBefore.Clear();
                return false;
            case MessageType.Context:
                AddContext(new ContextLine(lineNumber, TrimNewline(lines ?? "")));
                return false;
            default:
                AddMatch(currentPath ?? Normalize(path ?? ""), lineNumber, lines ?? "");
                return true;
        }
    }

    private void Submatches(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartArray);
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var (start, end) = (0, 0);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isStart = reader.ValueTextEquals("start"u8);
                var isEnd = !isStart && reader.ValueTextEquals("end"u8);
                reader.Read();
                if (isStart)
                {
                    start = reader.GetInt32();
                }
                else if (isEnd)
                {
                    end = reader.GetInt32();
                }
                else
                {
                    reader.Skip();
                }
            }

            submatches.Add((start, end));
        }
    }

    /// <summary>rg's <c>{"text": ...}</c>, or <c>{"bytes": base64}</c> for what is not UTF-8.</summary>
    private static string Text(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return "";
        }

        var text = "";
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isText = reader.ValueTextEquals("text"u8);
            var isBytes = !isText && reader.ValueTextEquals("bytes"u8);
            reader.Read();
            if (isText)
            {
                text = reader.GetString() ?? "";
            }
            else if (isBytes)
            {
                text = Encoding.UTF8.GetString(reader.GetBytesFromBase64());
            }
            else
            {
                reader.Skip();
            }
        }

        return text;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (reader.TokenType != token && !(reader.TokenType == JsonTokenType.None && reader.Read() && reader.TokenType == token))
        {
            throw new JsonException($"rg --json: expected {token}, found {reader.TokenType}");
        }
    }

    private enum MessageType
    {
        Other,
        Begin,
        Context,
        Match,
    }

    private void AddContext(ContextLine context)
    {
        var last = hits.Count > 0 ? hits[^1] : null;
        if (last is not null && last.Path == currentPath && context.Line > last.EndLine && context.Line <= last.EndLine + contextLines)
        {
            hits[^1] = last with { After = [.. last.After, context] };
        }
        else
        {
            pendingBefore.Add(context);
        }
    }

    private void AddMatch(string path, int lineNumber, string raw)
    {
        var preview = TrimNewline(raw);
        var spans = Spans(raw);
        var lineCount = preview.AsSpan().Count('\n') + 1;
        List<ContextLine> before = pendingBefore.Count == 0 ? [] : pendingBefore.Where(c => c.Line >= lineNumber - contextLines && c.Line < lineNumber).ToList();
        pendingBefore.Clear();
        hits.Add(new SearchHit(
            root,
            path,
            lineNumber,
            spans.Count > 0 ? ColumnOf(preview, spans[0].Start) : 1,
            lineNumber + lineCount - 1,
            "match",
            null,
            preview,
            1.0,
            SearchMode.Regex)
        {
            Before = before,
            Spans = spans,
        });
    }

    /// <summary>The submatches' byte offsets as character offsets into <paramref name="raw"/> (the same when it is ASCII).</summary>
    private List<MatchSpan> Spans(string raw)
    {
        var spans = new List<MatchSpan>(submatches.Count);
        if (Ascii.IsValid(raw))
        {
            foreach (var (start, end) in submatches)
            {
                var from = Math.Min(start, raw.Length);
                spans.Add(new MatchSpan(from, Math.Min(end, raw.Length) - from));
            }

            return spans;
        }

        var bytes = Encoding.UTF8.GetBytes(raw);
        foreach (var (start, end) in submatches)
        {
            var from = Math.Min(start, bytes.Length);
            var to = Math.Min(end, bytes.Length);
            spans.Add(new MatchSpan(Encoding.UTF8.GetCharCount(bytes, 0, from), Encoding.UTF8.GetCharCount(bytes, from, to - from)));
        }

        return spans;
    }

    /// <summary>1-based column of a character offset within its own line (multi-line matches count from the last newline).</summary>
    private static int ColumnOf(string preview, int offset)
    {
        var lineStart = offset == 0 ? -1 : preview.LastIndexOf('\n', offset - 1);
        return offset - lineStart;
    }

    private static string TrimNewline(string text) => text.TrimEnd('\n').TrimEnd('\r');

    private static string Normalize(string path) => path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path;
}
