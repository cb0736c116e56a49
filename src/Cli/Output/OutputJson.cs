using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Ragex.Protocol;

namespace Ragex.Cli.Output;

/// <summary>
/// Printed JSON: the protocol's source-generated contract, written without HTML-safe escaping. The escaping is the
/// writer's (<see cref="WriterOptions"/>), so the contract's own options stay as generated and the serializer takes the
/// generated code that writes each field directly (with an encoder in the serializer's options it falls back to the
/// general one, 3.5 µs a hit, a third of a second for a regex's 70,000 hits on the kernel).
/// </summary>
public static class OutputJson
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize<T>(T value) => Write(json => JsonSerializer.Serialize(json, value, TypeInfo<T>()));

    /// <summary>The source-generated contract of <typeparamref name="T"/> (no reflection: Native AOT safe).</summary>
    public static JsonTypeInfo<T> TypeInfo<T>() =>
        (JsonTypeInfo<T>)(ProtocolJsonContext.Default.GetTypeInfo(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T)} is not in the protocol's JSON contract"));

    /// <summary>A JSON text written by hand, with the same escaping as <see cref="Serialize{T}"/>.</summary>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(json);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
