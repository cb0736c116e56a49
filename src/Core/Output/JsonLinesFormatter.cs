using System.Text.Json;
using Ragex.Protocol;

namespace Ragex.Core.Output;

/// <summary>
/// One flat JSON object per line: <c>{"type":"match","path":...,"line":...,"end_line":...}</c> for each hit (the hit's
/// fields beside its type, so a reader that knows nothing of the envelope finds path and lines), then one
/// <c>{"type":"summary",...}</c> line with the mode used and the timing.
/// </summary>
public sealed class JsonLinesFormatter : IHitFormatter
{
    public void Write(SearchReply reply, TextWriter writer)
    {
        foreach (var hit in reply.Hits)
        {
            writer.WriteLine(Line("match", json =>
            {
                using var fields = JsonSerializer.SerializeToDocument(hit, OutputJson.TypeInfo<SearchHit>());
                foreach (var field in fields.RootElement.EnumerateObject())
                {
                    field.WriteTo(json);
                }
            }));
        }

        writer.WriteLine(Line("summary", json =>
        {
            json.WriteString("query", reply.Query);
            json.WritePropertyName("mode");
            JsonSerializer.Serialize(json, reply.Mode, OutputJson.TypeInfo<SearchMode>());
            json.WritePropertyName("requested_mode");
            JsonSerializer.Serialize(json, reply.RequestedMode, OutputJson.TypeInfo<SearchMode>());
            json.WriteString("mode_reason", reply.ModeReason);
            json.WriteNumber("hits", reply.Hits.Count);
            json.WriteBoolean("truncated", reply.Truncated);
            json.WriteNumber("elapsed_milliseconds", Math.Round(reply.ElapsedMilliseconds, 3));
        }));
    }

    private static string Line(string type, Action<Utf8JsonWriter> writeFields) => OutputJson.Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("type", type);
        writeFields(json);
        json.WriteEndObject();
    });
}
