using System.Threading.Channels;

namespace Toolshed.Proxy.Sessions;

/// <summary>The answer stream of one Streamable HTTP POST: completes once every request in it has its response.</summary>
internal sealed class ExchangeSink : MessageSink
{
    private readonly Channel<ReadOnlyMemory<byte>> _channel =
        Channel.CreateUnbounded<ReadOnlyMemory<byte>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly bool _acceptsRelated;
    private int _remaining;

    public ExchangeSink(int expectedResponses, bool acceptsRelated)
    {
        _remaining = expectedResponses;
        _acceptsRelated = acceptsRelated;
    }

    public ChannelReader<ReadOnlyMemory<byte>> Reader => _channel.Reader;

    public override bool AcceptsRelated => _acceptsRelated && !_channel.Reader.Completion.IsCompleted;

    public override void WriteRelated(ReadOnlyMemory<byte> message) => _channel.Writer.TryWrite(message);

    public override void WriteResponse(ReadOnlyMemory<byte> message)
    {
        _channel.Writer.TryWrite(message);
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _channel.Writer.TryComplete();
        }
    }

    public void Abandon() => _channel.Writer.TryComplete();
}
