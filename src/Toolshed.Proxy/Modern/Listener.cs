using System.Text.Json.Nodes;
using System.Threading.Channels;
using Toolshed.Proxy.Protocol;

namespace Toolshed.Proxy.Modern;

/// <summary>One open <c>subscriptions/listen</c> stream: what it agreed to hear, and the notifications queued for it,
/// each tagged with the stream's subscription id. Bounded: a reader that falls behind loses the oldest first.</summary>
internal sealed class Listener(string subjectKey, JsonNode id, ListenFilter filter)
{
    private const int Capacity = 256;

    private readonly Channel<ReadOnlyMemory<byte>> _queue = Channel.CreateBounded<ReadOnlyMemory<byte>>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public string SubjectKey { get; } = subjectKey;

    public JsonNode Id { get; } = id;

    public ListenFilter Filter { get; } = filter;

    public ChannelReader<ReadOnlyMemory<byte>> Queue => _queue.Reader;

    /// <summary>Queues <paramref name="notification"/> when the filter wants it.</summary>
    public void Offer(JsonObject notification, string method, string? uri)
    {
        if (Filter.Wants(method, uri))
        {
            _queue.Writer.TryWrite(JsonRpc.ToUtf8(Tagged(notification)));
        }
    }

    /// <summary>The stream ends (the proxy stops): the reader finishes with the closing answer.</summary>
    public void Close() => _queue.Writer.TryComplete();

    /// <summary>A copy of <paramref name="message"/> with this stream's subscription id in its <c>params._meta</c>.</summary>
    public JsonObject Tagged(JsonObject message)
    {
        var copy = (JsonObject)message.DeepClone();
        if (copy["params"] is not JsonObject parameters)
        {
            copy["params"] = parameters = new JsonObject();
        }

        if (parameters["_meta"] is not JsonObject meta)
        {
            parameters["_meta"] = meta = new JsonObject();
        }

        meta[ModernProtocol.SubscriptionIdKey] = Id.DeepClone();
        return copy;
    }
}
