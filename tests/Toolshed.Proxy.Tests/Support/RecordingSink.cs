using Toolshed.Proxy.Sessions;

namespace Toolshed.Proxy.Tests.Support;

/// <summary>A hand-written <see cref="MessageSink"/> standing in for one request's answer stream.</summary>
internal sealed class RecordingSink(bool acceptsRelated = true) : MessageSink
{
    public List<ReadOnlyMemory<byte>> Related { get; } = [];

    public override bool AcceptsRelated => acceptsRelated;

    public override void WriteRelated(ReadOnlyMemory<byte> message) => Related.Add(message);

    public override void WriteResponse(ReadOnlyMemory<byte> message)
    {
    }
}
