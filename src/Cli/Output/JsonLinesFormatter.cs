using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Ragex.Protocol;

namespace Ragex.Cli.Output;

/// <summary>
/// One flat JSON object per line: <c>{"type":"match","path":...,"line":...,"end_line":...}</c> for each hit (the hit's
/// fields beside its type, so a reader that knows nothing of the envelope finds path and lines), then one
/// <c>{"type":"summary",...}</c> line with the mode used and the timing.
/// </summary>
public sealed class JsonLinesFormatter : IStreamingHitFormatter
{
    public void Write(SearchReply reply, TextWriter writer)
    {
        var stream = Open(writer);
        foreach (var hit in reply.Hits)
        {
            stream.Write(hit);
        }

        stream.End(reply);
    }

    public IHitStream Open(TextWriter writer) => new Lines(writer);

    /// <summary>
    /// Each hit is serialized into a reused buffer and its opening brace replaced by the type field, straight to the
    /// bytes of a UTF-8 stream when the writer has one: a regex on the Linux kernel prints tens of thousands of lines,
    /// and a document per hit, then decoding and encoding each line again, cost more than ripgrep's search.
    /// </summary>
    private sealed class Lines : IHitStream
    {
        private readonly TextWriter writer;
        private readonly Stream? stream;
        private readonly ArrayBufferWriter<byte> buffer = new(1024);
        private readonly JsonTypeInfo<SearchHit> typeInfo = OutputJson.TypeInfo<SearchHit>();
        private readonly Utf8JsonWriter json;
        private char[] chars = new char[1024];
        private int written;

        public Lines(TextWriter writer)
        {
            this.writer = writer;
            stream = writer is StreamWriter { Encoding: UTF8Encoding } streamWriter ? streamWriter.BaseStream : null;
            writer.Flush();
            json = new Utf8JsonWriter(buffer, OutputJson.WriterOptions);
        }

        public void Write(SearchHit hit)
        {
            buffer.ResetWrittenCount();
            json.Reset(buffer);
            JsonSerializer.Serialize(json, hit, typeInfo);
            json.Flush();
            written++;
            var fields = buffer.WrittenSpan[1..];
            var separator = fields.Length > 1;
            if (stream is not null)
            {
                stream.Write("{\"type\":\"match\""u8);
                stream.Write(separator ? ","u8 : ""u8);
                stream.Write(fields);
                stream.Write("\n"u8);
                return;
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

        public void End(SearchReply reply)
        {
            json.Dispose();
            stream?.Flush();
            writer.WriteLine(OutputJson.Write(summary =>
            {
                summary.WriteStartObject();
                summary.WriteString("type", "summary");
                summary.WriteString("query", reply.Query);
                summary.WritePropertyName("mode");
                JsonSerializer.Serialize(summary, reply.Mode, OutputJson.TypeInfo<SearchMode>());
                summary.WritePropertyName("requested_mode");
                JsonSerializer.Serialize(summary, reply.RequestedMode, OutputJson.TypeInfo<SearchMode>());
                summary.WriteString("mode_reason", reply.ModeReason);
                summary.WriteNumber("hits", written);
                summary.WriteBoolean("truncated", reply.Truncated);
                summary.WriteNumber("elapsed_milliseconds", Math.Round(reply.ElapsedMilliseconds, 3));
                summary.WriteEndObject();
            }));
        }
    }
}
