using System.Globalization;
using System.Text.Json;

namespace Ragex.Protocol.Daemon;

/// <summary>
/// Keeps a reply within one remoting frame. Akka drops a larger message, and its client would wait for it until its
/// deadline; instead a search reply keeps the hits that fit and says it was cut, and a span of code the lines that fit.
/// </summary>
public static class ReplyFrame
{
    /// <summary>Room kept for what surrounds the reply's JSON on the wire (Akka's envelope and headers).</summary>
    public const int EnvelopeBytes = 16 << 10;

    public static IProtocolMessage Fit(IProtocolMessage reply, int maximumBytes) => reply switch
    {
        SearchReply search => Fit(search, maximumBytes),
        CodeSpan span => Fit(span, maximumBytes),
        _ => reply,
    };

    public static SearchReply Fit(SearchReply reply, int maximumBytes)
    {
        var budget = maximumBytes - EnvelopeBytes;
        if (Size(reply) <= budget)
        {
            return reply;
        }

        var note = string.Create(
            CultureInfo.InvariantCulture,
            $"{reply.Hits.Count} hits are more than one reply carries ({maximumBytes >> 20} MiB); the first ones are shown: narrow the search or lower --limit");
        var used = Size(reply with { Hits = [], Notes = [.. reply.Notes, note] });
        var kept = 0;
        // A comma between hits: each one costs its own JSON and one byte.
        while (kept < reply.Hits.Count && (used += Size(reply.Hits[kept]) + 1) <= budget)
        {
            kept++;
        }

        return reply with { Hits = [.. reply.Hits.Take(kept)], Truncated = true, Notes = [.. reply.Notes, note] };
    }

    public static CodeSpan Fit(CodeSpan span, int maximumBytes)
    {
        var budget = maximumBytes - EnvelopeBytes;
        if (Size(span) <= budget)
        {
            return span;
        }

        var note = string.Create(
            CultureInfo.InvariantCulture, $"the definition is longer than one reply carries ({maximumBytes >> 20} MiB); its first lines are shown");
        var used = Size(span with { Lines = [], Notes = [.. span.Notes, note] });
        var kept = 0;
        while (kept < span.Lines.Count && (used += JsonSerializer.SerializeToUtf8Bytes(span.Lines[kept], ProtocolJsonContext.Default.String).Length + 1) <= budget)
        {
            kept++;
        }

        return span with { Lines = [.. span.Lines.Take(kept)], EndLine = span.StartLine + kept - 1, Notes = [.. span.Notes, note] };
    }

    private static int Size(SearchReply reply) => JsonSerializer.SerializeToUtf8Bytes(reply, ProtocolJsonContext.Default.SearchReply).Length;

    private static int Size(SearchHit hit) => JsonSerializer.SerializeToUtf8Bytes(hit, ProtocolJsonContext.Default.SearchHit).Length;

    private static int Size(CodeSpan span) => JsonSerializer.SerializeToUtf8Bytes(span, ProtocolJsonContext.Default.CodeSpan).Length;
}
