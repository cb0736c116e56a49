using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Akka.Actor;
using Akka.Serialization;
using Ragex.Protocol;
using Ragex.Protocol.Daemon;

namespace Ragex.Remoting;

/// <summary>
/// Akka serializer for protocol messages: System.Text.Json through the source-generated <see cref="ProtocolJsonContext"/>,
/// the type named by a short manifest. No reflection, so it works in a trimmed or Native AOT client.
/// </summary>
public sealed class ProtocolSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>Configuration that binds every <see cref="IProtocolMessage"/> to this serializer.</summary>
    public const string Hocon = """
        akka.actor {
          serializers.ragex-protocol = "Ragex.Remoting.ProtocolSerializer, Ragex.Remoting"
          serialization-bindings { "Ragex.Protocol.IProtocolMessage, Ragex.Protocol" = ragex-protocol }
        }
        """;

    private static readonly Dictionary<string, JsonTypeInfo> TypesByManifest = new JsonTypeInfo[]
    {
        ProtocolJsonContext.Default.SearchQuery,
        ProtocolJsonContext.Default.SearchReply,
        ProtocolJsonContext.Default.IndexProject,
        ProtocolJsonContext.Default.ProjectIndexed,
        ProtocolJsonContext.Default.RequestFailed,
        ProtocolJsonContext.Default.StatusQuery,
        ProtocolJsonContext.Default.DaemonStatus,
        ProtocolJsonContext.Default.ListProjects,
        ProtocolJsonContext.Default.ProjectList,
        ProtocolJsonContext.Default.RemoveProject,
        ProtocolJsonContext.Default.ProjectRemoved,
        ProtocolJsonContext.Default.ReadCode,
        ProtocolJsonContext.Default.CodeSpan,
        ProtocolJsonContext.Default.EmbedBatch,
        ProtocolJsonContext.Default.BatchEmbedded,
        ProtocolJsonContext.Default.BatchFailed,
        ProtocolJsonContext.Default.BatchRefused,
        ProtocolJsonContext.Default.IndexUpdated,
    }.ToDictionary(info => info.Type.Name, StringComparer.Ordinal);

    public override int Identifier => 4711;

    public override string Manifest(object o) => o.GetType().Name;

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, Info(obj.GetType().Name));

    public override object FromBinary(byte[] bytes, string manifest) =>
        JsonSerializer.Deserialize(bytes, Info(manifest)) ?? throw new SerializationException($"empty {manifest} message");

    private static JsonTypeInfo Info(string manifest) =>
        TypesByManifest.TryGetValue(manifest, out var info) ? info : throw new SerializationException($"unknown protocol message type {manifest}");
}
