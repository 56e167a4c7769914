namespace Toolshed.Proxy.Auth;

/// <summary>
/// Caps the audit lines of refused (401) requests at a number per second, so that anyone able to reach the port cannot
/// rotate the audit history away with a flood of tokenless requests. Dropped lines are counted onto the next one.
/// </summary>
internal sealed class UnauthenticatedAuditThrottle(TimeProvider time, int perSecond = 10)
{
    private readonly Lock _gate = new();
    private long _window = -1;
    private int _written;
    private int _dropped;

    /// <summary>Whether to write a line now; when yes, <paramref name="dropped"/> is how many were dropped before it.</summary>
    public bool TryTake(out int dropped)
    {
        var window = time.GetUtcNow().ToUnixTimeSeconds();
        lock (_gate)
        {
            if (window != _window)
            {
                _window = window;
                _written = 0;
            }

            if (_written >= perSecond)
            {
                _dropped++;
                dropped = 0;
                return false;
            }

            _written++;
            dropped = _dropped;
            _dropped = 0;
            return true;
        }
    }
}
