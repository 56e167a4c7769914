using System.Globalization;

namespace Toolshed.Bench;

/// <summary>One measurement: how many echo calls answered in the window, and how fast.</summary>
internal sealed record LoopResult(int Sessions, int Calls, double Seconds, double P50Ms, double P99Ms, int Errors)
{
    public double CallsPerSecond => Calls / Seconds;

    /// <summary>CPU time per answered call in the measured window (NaN when not measured).</summary>
    public double ClientUsPerCall { get; init; } = double.NaN;

    public double DaemonUsPerCall { get; init; } = double.NaN;

    /// <summary>The peer process's (<c>--peer-pid</c>) CPU time per answered call; not in <see cref="ToTsv"/>, whose columns others parse by position.</summary>
    public double PeerUsPerCall { get; init; } = double.NaN;

    public string ToTsv(string target, string client) => string.Join(
        '\t',
        target,
        client,
        Sessions.ToString(CultureInfo.InvariantCulture),
        Calls.ToString(CultureInfo.InvariantCulture),
        CallsPerSecond.ToString("F0", CultureInfo.InvariantCulture),
        P50Ms.ToString("F2", CultureInfo.InvariantCulture),
        P99Ms.ToString("F2", CultureInfo.InvariantCulture),
        Errors.ToString(CultureInfo.InvariantCulture),
        ClientUsPerCall.ToString("F0", CultureInfo.InvariantCulture),
        DaemonUsPerCall.ToString("F0", CultureInfo.InvariantCulture));
}
