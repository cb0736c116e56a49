using System.Text.Json;
using Ragex.Protocol;

namespace Ragex.Core.Output;

/// <summary>
/// One JSON object per line, ripgrep-like: <c>{"type":"match","data":{...}}</c> for each hit, then one
/// <c>{"type":"summary",...}</c> line with the mode used and the timing.
/// </summary>
public sealed class JsonLinesFormatter : IHitFormatter
{
    public void Write(SearchReply reply, TextWriter writer)
    {
        foreach (var hit in reply.Hits)
        {
            writer.WriteLine(Line("match", json => JsonSerializer.Serialize(json, hit, OutputJson.Options)));
        }

        writer.WriteLine(Line("summary", json =>
        {
            json.WriteStartObject();
            json.WriteString("query", reply.Query);
            json.WritePropertyName("mode");
            JsonSerializer.Serialize(json, reply.Mode, OutputJson.Options);
            json.WritePropertyName("requested_mode");
            JsonSerializer.Serialize(json, reply.RequestedMode, OutputJson.Options);
            json.WriteString("mode_reason", reply.ModeReason);
            json.WriteNumber("hits", reply.Hits.Count);
            json.WriteBoolean("truncated", reply.Truncated);
            json.WriteNumber("elapsed_milliseconds", Math.Round(reply.ElapsedMilliseconds, 3));
            json.WriteEndObject();
        }));
    }

    private static string Line(string type, Action<Utf8JsonWriter> writeData) => OutputJson.Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("type", type);
        json.WritePropertyName("data");
        writeData(json);
        json.WriteEndObject();
    });
}
