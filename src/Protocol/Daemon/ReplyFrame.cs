using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

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
        if (Size(reply, Json.SearchReply) <= budget)
        {
            return reply;
        }

        var note = string.Create(
            CultureInfo.InvariantCulture,
            $"{reply.Hits.Count} hits are more than one reply carries ({maximumBytes >> 20} MiB); the first ones are shown: narrow the search or lower --limit");
        var kept = Fitting(reply.Hits, Json.SearchHit, Size(reply with { Hits = [], Notes = [.. reply.Notes, note] }, Json.SearchReply), budget);
        return reply with { Hits = [.. reply.Hits.Take(kept)], Truncated = true, Notes = [.. reply.Notes, note] };
    }

    public static CodeSpan Fit(CodeSpan span, int maximumBytes)
    {
        var budget = maximumBytes - EnvelopeBytes;
        if (Size(span, Json.CodeSpan) <= budget)
        {
            return span;
        }

        var note = string.Create(
            CultureInfo.InvariantCulture, $"the definition is longer than one reply carries ({maximumBytes >> 20} MiB); its first lines are shown");
        var kept = Fitting(span.Lines, Json.String, Size(span with { Lines = [], Notes = [.. span.Notes, note] }, Json.CodeSpan), budget);
        return span with { Lines = [.. span.Lines.Take(kept)], EndLine = span.StartLine + kept - 1, Notes = [.. span.Notes, note] };
    }

    private static ProtocolJsonContext Json => ProtocolJsonContext.Default;

    /// <summary>
    /// How many of <paramref name="items"/>, from the first, fit in <paramref name="budget"/> beside the
    /// <paramref name="used"/> bytes of the rest of the reply: each costs its own JSON and a comma.
    /// </summary>
    private static int Fitting<T>(IReadOnlyList<T> items, JsonTypeInfo<T> json, int used, int budget)
    {
        var kept = 0;
        while (kept < items.Count && (used += Size(items[kept], json) + 1) <= budget)
        {
            kept++;
        }

        return kept;
    }

    private static int Size<T>(T value, JsonTypeInfo<T> json) => JsonSerializer.SerializeToUtf8Bytes(value, json).Length;
}
