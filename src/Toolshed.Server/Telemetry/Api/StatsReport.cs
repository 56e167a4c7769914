using System.Text.Json.Serialization;

namespace Toolshed.Server.Telemetry.Api;

/// <summary>GET /api/v1beta/stats: every endpoint's live figures, workloads then groups.</summary>
public sealed record StatsReport
{
    [JsonPropertyName("window_seconds")]
    public int WindowSeconds { get; init; }

    [JsonPropertyName("endpoints")]
    public IReadOnlyList<EndpointStatsReport> Endpoints { get; init; } = [];
}
