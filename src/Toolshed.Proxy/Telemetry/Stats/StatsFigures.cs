namespace Toolshed.Proxy.Telemetry.Stats;

/// <summary>
/// What one stats row (an endpoint, or one of its tools) says at a moment: calls and errors in the window asked for
/// and since the daemon started, the call rate over the window, and the estimated p50/p99 latency of the window's
/// calls (null when it had none).
/// </summary>
public readonly record struct StatsFigures(
    int WindowSeconds,
    double CallsPerSecond,
    long WindowCalls,
    long WindowErrors,
    long TotalCalls,
    long TotalErrors,
    double? P50Ms,
    double? P99Ms);
