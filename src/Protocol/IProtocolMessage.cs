namespace Ragex.Protocol;

/// <summary>Marks every type that crosses the wire between client and daemon; all are serialized by Ragex.Remoting's ProtocolSerializer.</summary>
public interface IProtocolMessage;
