using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Ragex.Protocol;

namespace Ragex.Cli.Output;

/// <summary>JSON settings for printed output: the protocol's source-generated contract, without HTML-safe escaping.</summary>
public static class OutputJson
{
    public static readonly JsonSerializerOptions Options = new(ProtocolJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, TypeInfo<T>());

    /// <summary>The source-generated contract of <typeparamref name="T"/> with these options (no reflection: Native AOT safe).</summary>
    public static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

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
