namespace Toolshed.Proxy.Sessions;

/// <summary>
/// Where messages for one client exchange go: the SSE answer of a POST, or a session's long-lived stream.
/// Writes never block and never throw; a sink whose reader left simply drops what it gets.
/// </summary>
internal abstract class MessageSink
{
    /// <summary>Whether messages related to the request (progress, server requests) may travel here too.</summary>
    public abstract bool AcceptsRelated { get; }

    public abstract void WriteRelated(ReadOnlyMemory<byte> message);

    public abstract void WriteResponse(ReadOnlyMemory<byte> message);

    /// <summary>The response as a message not yet serialized: a sink that edits answers takes it as it is.</summary>
    public virtual void WriteResponse(System.Text.Json.Nodes.JsonObject message) => WriteResponse(Protocol.JsonRpc.ToUtf8(message));
}
