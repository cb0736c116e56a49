using System.Buffers;
using System.Text;
using System.Text.Json;
using Ragex.Protocol;

namespace Ragex.Cli.Output;

/// <summary>
/// One flat JSON object per line: <c>{"type":"match","path":...,"line":...,"end_line":...}</c> for each hit (the hit's
/// fields beside its type, so a reader that knows nothing of the envelope finds path and lines), then one
/// <c>{"type":"summary",...}</c> line with the mode used and the timing.
/// </summary>
public sealed class JsonLinesFormatter : IHitFormatter
{
    public void Write(SearchReply reply, TextWriter writer)
    {
        // Each hit is serialized once into a reused buffer and its opening brace replaced by the type field, straight
        // to the bytes of a UTF-8 stream when the writer has one: a regex on the Linux kernel prints tens of thousands
        // of lines, and a document per hit, then decoding and encoding each line again, cost more than ripgrep's search.
        var stream = writer is StreamWriter { Encoding: UTF8Encoding } streamWriter ? streamWriter.BaseStream : null;
        writer.Flush();
        var buffer = new ArrayBufferWriter<byte>(1024);
        var chars = new char[1024];
        using var json = new Utf8JsonWriter(buffer, OutputJson.WriterOptions);
        var typeInfo = OutputJson.TypeInfo<SearchHit>();
        foreach (var hit in reply.Hits)
        {
            buffer.ResetWrittenCount();
            json.Reset(buffer);
            JsonSerializer.Serialize(json, hit, typeInfo);
            json.Flush();
            var fields = buffer.WrittenSpan[1..];
            var separator = fields.Length > 1;
            if (stream is not null)
            {
                stream.Write("{\"type\":\"match\""u8);
                stream.Write(separator ? ","u8 : ""u8);
                stream.Write(fields);
                stream.Write("\n"u8);
                continue;
            }

            if (chars.Length < fields.Length)
            {
                chars = new char[Math.Max(fields.Length, chars.Length * 2)];
            }

            var count = Encoding.UTF8.GetChars(fields, chars);
            writer.Write(separator ? "{\"type\":\"match\"," : "{\"type\":\"match\"");
            writer.Write(chars.AsSpan(0, count));
            writer.WriteLine();
        }

        stream?.Flush();
        writer.WriteLine(OutputJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("type", "summary");
            json.WriteString("query", reply.Query);
            json.WritePropertyName("mode");
            JsonSerializer.Serialize(json, reply.Mode, OutputJson.TypeInfo<SearchMode>());
            json.WritePropertyName("requested_mode");
            JsonSerializer.Serialize(json, reply.RequestedMode, OutputJson.TypeInfo<SearchMode>());
            json.WriteString("mode_reason", reply.ModeReason);
            json.WriteNumber("hits", reply.Hits.Count);
            json.WriteBoolean("truncated", reply.Truncated);
            json.WriteNumber("elapsed_milliseconds", Math.Round(reply.ElapsedMilliseconds, 3));
            json.WriteEndObject();
        }));
    }
}
