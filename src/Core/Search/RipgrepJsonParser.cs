using System.Text;
using System.Text.Json;
using Ragex.Protocol;

namespace Ragex.Core.Search;

/// <summary>
/// Turns the lines of <c>rg --json</c> into hits. Context lines are attached to the nearest match within the
/// requested context distance, before or after it. Byte offsets become UTF-16 columns. Lines are read as UTF-8 with a
/// forward-only reader and only the fields a hit keeps are decoded: on the Linux kernel a regex finds tens of
/// thousands of lines, and building a document per line cost more than ripgrep's search. Each hit goes to
/// <paramref name="found"/> once nothing more can attach to it: at the next match or file, or at <see cref="Complete"/>.
/// </summary>
public sealed class RipgrepJsonParser(string root, int contextLines, Action<SearchHit> found)
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 8 };

    private readonly List<ContextLine> pendingBefore = [];
    private readonly List<(int Start, int End)> submatches = [];
    private char[] characters = new char[512];
    private string? currentPath;

    /// <summary>The last match, which context lines that follow it may still join.</summary>
    private SearchHit? last;

    /// <summary>Hands over the last hit: the output has ended.</summary>
    public void Complete()
    {
        if (last is not null)
        {
            found(last);
            last = null;
        }
    }

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
                if (type == MessageType.Other)
                {
                    // rg writes the type first: a file's "end" (its statistics) and the "summary" need no parsing.
                    return false;
                }
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
        (string Text, int Trimmed)? lines = null;
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
                lines = TextOf(ref reader, lines: true);
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
                Complete();
                currentPath = Normalize(path ?? "");
                pendingBefore.Clear();
                return false;
            case MessageType.Context:
                AddContext(new ContextLine(lineNumber, lines?.Text ?? ""));
                return false;
            default:
                AddMatch(currentPath ?? Normalize(path ?? ""), lineNumber, lines ?? ("", 0));
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

    /// <summary>rg's <c>{"text": ...}</c>, or <c>{"bytes": base64}</c> for what is not UTF-8 (a path).</summary>
    private string Text(ref Utf8JsonReader reader) => TextOf(ref reader, lines: false).Text;

    /// <summary>
    /// rg's <c>{"text": ...}</c> or <c>{"bytes": base64}</c>, decoded once into a reused buffer (rg escapes every
    /// line's newline): one string each. For <paramref name="lines"/>, without their line ending, and how many
    /// characters that ending had.
    /// </summary>
    private (string Text, int Trimmed) TextOf(ref Utf8JsonReader reader, bool lines)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return ("", 0);
        }

        (string Text, int Trimmed) text = ("", 0);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isText = reader.ValueTextEquals("text"u8);
            var isBytes = !isText && reader.ValueTextEquals("bytes"u8);
            reader.Read();
            if (isText)
            {
                text = Kept(Decoded(ref reader), lines);
            }
            else if (isBytes)
            {
                text = Kept(Encoding.UTF8.GetString(reader.GetBytesFromBase64()), lines);
            }
            else
            {
                reader.Skip();
            }
        }

        return text;
    }

    /// <summary>The current JSON string unescaped into the reused character buffer.</summary>
    private ReadOnlySpan<char> Decoded(ref Utf8JsonReader reader)
    {
        var length = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        if (characters.Length < length)
        {
            characters = new char[Math.Max(length, characters.Length * 2)];
        }

        return characters.AsSpan(0, reader.CopyString(characters));
    }

    private static (string Text, int Trimmed) Kept(ReadOnlySpan<char> text, bool withoutLineEnding)
    {
        var kept = withoutLineEnding ? text.TrimEnd('\n').TrimEnd('\r') : text;
        return (kept.ToString(), text.Length - kept.Length);
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
        if (last is not null && last.Path == currentPath && context.Line > last.EndLine && context.Line <= last.EndLine + contextLines)
        {
            last = last with { After = [.. last.After, context] };
        }
        else
        {
            pendingBefore.Add(context);
        }
    }

    private void AddMatch(string path, int lineNumber, (string Text, int Trimmed) lines)
    {
        var preview = lines.Text;
        var spans = Spans(preview, lines.Trimmed);
        var lineCount = preview.AsSpan().Count('\n') + 1;
        IReadOnlyList<ContextLine> before = pendingBefore.Count == 0 ? [] : pendingBefore.Where(c => c.Line >= lineNumber - contextLines && c.Line < lineNumber).ToList();
        pendingBefore.Clear();
        Complete();
        last = new SearchHit(
            root,
            path,
            lineNumber,
            spans.Length > 0 ? ColumnOf(preview, spans[0].Start) : 1,
            lineNumber + lineCount - 1,
            "match",
            null,
            preview,
            1.0,
            SearchMode.Regex)
        {
            Before = before,
            Spans = spans,
        };
    }

    /// <summary>
    /// The submatches' byte offsets as character offsets into the line as rg printed it (the same when it is ASCII);
    /// <paramref name="trimmed"/> line-ending characters followed <paramref name="preview"/>.
    /// </summary>
    private MatchSpan[] Spans(string preview, int trimmed)
    {
        if (submatches.Count == 0)
        {
            return [];
        }

        var spans = new MatchSpan[submatches.Count];
        if (Ascii.IsValid(preview))
        {
            var length = preview.Length + trimmed;
            for (var i = 0; i < spans.Length; i++)
            {
                var from = Math.Min(submatches[i].Start, length);
                spans[i] = new MatchSpan(from, Math.Min(submatches[i].End, length) - from);
            }

            return spans;
        }

        var bytes = Encoding.UTF8.GetBytes(preview);
        var total = bytes.Length + trimmed;
        for (var i = 0; i < spans.Length; i++)
        {
            var from = CharactersBefore(bytes, Math.Min(submatches[i].Start, total));
            spans[i] = new MatchSpan(from, CharactersBefore(bytes, Math.Min(submatches[i].End, total)) - from);
        }

        return spans;
    }

    /// <summary>Characters in the first <paramref name="offset"/> bytes of the line; past its text, the ASCII line ending.</summary>
    private static int CharactersBefore(byte[] bytes, int offset) =>
        offset <= bytes.Length ? Encoding.UTF8.GetCharCount(bytes, 0, offset) : Encoding.UTF8.GetCharCount(bytes) + offset - bytes.Length;

    /// <summary>1-based column of a character offset within its own line (multi-line matches count from the last newline).</summary>
    private static int ColumnOf(string preview, int offset)
    {
        var lineStart = offset == 0 ? -1 : preview.LastIndexOf('\n', offset - 1);
        return offset - lineStart;
    }

    private static string Normalize(string path) => path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path;
}
