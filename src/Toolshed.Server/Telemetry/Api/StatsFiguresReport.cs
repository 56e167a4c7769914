using System.Text.Json.Serialization;
using Toolshed.Proxy.Telemetry.Stats;

namespace Toolshed.Server.Telemetry.Api;

/// <summary>
/// Live figures of an endpoint or one of its tools: over the window asked for (calls, errors, rate, estimated
/// latency percentiles, true to within a factor of two) and since counting began (totals).
/// </summary>
public record StatsFiguresReport
{
    [JsonPropertyName("window_seconds")]
    public int WindowSeconds { get; init; }

    [JsonPropertyName("calls_per_second")]
    public double CallsPerSecond { get; init; }

    [JsonPropertyName("calls")]
    public long Calls { get; init; }

    [JsonPropertyName("errors")]
    public long Errors { get; init; }

    /// <summary>errors / calls over the window; 0 without calls.</summary>
    [JsonPropertyName("error_rate")]
    public double ErrorRate { get; init; }

    [JsonPropertyName("p50_ms")]
    public double? P50Ms { get; init; }

    [JsonPropertyName("p99_ms")]
    public double? P99Ms { get; init; }

    [JsonPropertyName("total_calls")]
    public long TotalCalls { get; init; }

    [JsonPropertyName("total_errors")]
    public long TotalErrors { get; init; }

    internal static T From<T>(T report, StatsFigures figures)
        where T : StatsFiguresReport => report with
        {
            WindowSeconds = figures.WindowSeconds,
            CallsPerSecond = Math.Round(figures.CallsPerSecond, 3),
            Calls = figures.WindowCalls,
            Errors = figures.WindowErrors,
            ErrorRate = figures.WindowCalls == 0 ? 0 : Math.Round((double)figures.WindowErrors / figures.WindowCalls, 4),
            P50Ms = figures.P50Ms is { } p50 ? Math.Round(p50, 3) : null,
            P99Ms = figures.P99Ms is { } p99 ? Math.Round(p99, 3) : null,
            TotalCalls = figures.TotalCalls,
            TotalErrors = figures.TotalErrors,
        };
}
