using System.Threading.Channels;
using Toolshed.Core.Runtime;

namespace Toolshed.Server.Images;

/// <summary>
/// The bounded queue between the engine's progress callback (which must never block: it runs on the engine stream's
/// reader) and the response writer. When a client reads slowly, byte counts are dropped once the queue is half full
/// (a newer count follows), and anything once it is full; the final line is written by the streamer itself, so it
/// is never lost, and a client that missed a "Pull complete" learns from "done" that every layer is there.
/// </summary>
internal sealed class PullProgressChannel : IProgress<ImagePullProgress>
{
    private readonly Channel<ImagePullProgress> _channel;
    private readonly int _capacity;
    private readonly Dictionary<string, string> _lastStatus = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private int _dropped;

    public PullProgressChannel(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        _capacity = capacity;
        _channel = Channel.CreateBounded<ImagePullProgress>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = true,
        });
    }

    public ChannelReader<ImagePullProgress> Reader => _channel.Reader;

    /// <summary>How many reports were dropped for a slow reader.</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    public void Report(ImagePullProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        bool stateChange;
        lock (_lock)
        {
            var key = value.Layer ?? "";
            stateChange = value.Layer is null || !_lastStatus.TryGetValue(key, out var last) || last != value.Status;
            _lastStatus[key] = value.Status;
        }

        if ((!stateChange && _channel.Reader.Count >= _capacity / 2) || !_channel.Writer.TryWrite(value))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>No more reports: the pull has ended (the streamer learns how from the pull itself).</summary>
    public void Complete() => _channel.Writer.TryComplete();
}
