using System.Threading.Tasks.Sources;

namespace Toolshed.Proxy.Sessions;

/// <summary>
/// The answers of one Streamable HTTP POST: finished once every request in it has its response. One reader (the POST
/// itself) waits on it. A write wakes that reader on the writing thread rather than through the thread pool: the
/// reader only copies the bytes into the response, so the usual request → answer round trip costs no thread hop.
/// </summary>
internal sealed class ExchangeSink : MessageSink, IValueTaskSource
{
    private readonly Lock _gate = new();
    private readonly bool _acceptsRelated;
    private List<ReadOnlyMemory<byte>> _queued = [];
    private ManualResetValueTaskSourceCore<bool> _signal;
    private int _remaining;
    private bool _waiting;
    private bool _keepAliveDue;
    private bool _abandoned;

    public ExchangeSink(int expectedResponses, bool acceptsRelated)
    {
        _remaining = expectedResponses;
        _acceptsRelated = acceptsRelated;
    }

    public override bool AcceptsRelated
    {
        get
        {
            lock (_gate)
            {
                return _acceptsRelated && _remaining > 0 && !_abandoned;
            }
        }
    }

    public override void WriteRelated(ReadOnlyMemory<byte> message) => Add(message, response: false);

    public override void WriteResponse(ReadOnlyMemory<byte> message) => Add(message, response: true);

    /// <summary>Asks the reader to send a keep-alive (when nothing else arrives first).</summary>
    public void KeepAliveDue()
    {
        bool wake;
        lock (_gate)
        {
            _keepAliveDue = true;
            wake = TakeWaiter();
        }

        Wake(wake);
    }

    /// <summary>The reader is gone: later messages are dropped, and a pending wait ends.</summary>
    public void Abandon()
    {
        bool wake;
        lock (_gate)
        {
            _abandoned = true;
            _queued.Clear();
            wake = TakeWaiter();
        }

        Wake(wake);
    }

    /// <summary>
    /// Completes when there is something to take (messages, a keep-alive, the end) or the exchange was abandoned.
    /// Only one wait may be outstanding.
    /// </summary>
    public ValueTask WaitAsync()
    {
        lock (_gate)
        {
            if (_queued.Count > 0 || _keepAliveDue || _remaining == 0 || _abandoned)
            {
                return ValueTask.CompletedTask;
            }

            _signal.Reset();
            _waiting = true;
            return new ValueTask(this, _signal.Version);
        }
    }

    /// <summary>
    /// Swaps out what arrived since the last take into <paramref name="taken"/> (which must be empty). Returns whether
    /// the exchange is finished: every response is among what was taken now or before.
    /// </summary>
    public bool Take(ref List<ReadOnlyMemory<byte>> taken, out bool keepAliveDue)
    {
        lock (_gate)
        {
            (taken, _queued) = (_queued, taken);
            keepAliveDue = _keepAliveDue;
            _keepAliveDue = false;
            return _remaining == 0;
        }
    }

    void IValueTaskSource.GetResult(short token) => _signal.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _signal.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _signal.OnCompleted(continuation, state, token, flags);

    private void Add(ReadOnlyMemory<byte> message, bool response)
    {
        bool wake;
        lock (_gate)
        {
            if (_abandoned || _remaining == 0)
            {
                return;
            }

            _queued.Add(message);
            if (response)
            {
                _remaining--;
            }

            wake = TakeWaiter();
        }

        Wake(wake);
    }

    private bool TakeWaiter()
    {
        var waiting = _waiting;
        _waiting = false;
        return waiting;
    }

    /// <summary>Outside the lock: the reader's continuation runs right here, on the writer's thread.</summary>
    private void Wake(bool wake)
    {
        if (wake)
        {
            _signal.SetResult(true);
        }
    }
}
