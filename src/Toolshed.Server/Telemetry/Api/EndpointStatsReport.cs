using System.Text.Json.Serialization;
using Toolshed.Proxy.Telemetry.Stats;

namespace Toolshed.Server.Telemetry.Api;

/// <summary>A workload's or group's live figures: every request its endpoint answered, and each tool when asked.</summary>
public sealed record EndpointStatsReport : StatsFiguresReport
{
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    /// <summary>"workload" or "group".</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; init; } = "workload";

    /// <summary>When counting began (the endpoint's first start since the daemon started); null before that.</summary>
    [JsonPropertyName("since")]
    public DateTimeOffset? Since { get; init; }

    /// <summary>The client sessions its endpoint holds now; null when it has not served since the daemon started.</summary>
    [JsonPropertyName("sessions")]
    public int? Sessions { get; init; }

    /// <summary>A workload's state (as GET /servers has it); null for a group.</summary>
    [JsonPropertyName("state")]
    public string? State { get; init; }

    /// <summary>How often the daemon restarted a workload after it exited on its own; null for a group.</summary>
    [JsonPropertyName("restarts")]
    public int? Restarts { get; init; }

    /// <summary>Per tool, busiest first; only with ?tools=true.</summary>
    [JsonPropertyName("tools")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ToolStatsReport>? Tools { get; init; }

    internal static EndpointStatsReport From(EndpointStatsSnapshot snapshot, bool tools) =>
        From(new EndpointStatsReport
        {
            Name = snapshot.Name,
            Kind = snapshot.IsGroup ? "group" : "workload",
            Since = snapshot.Since,
            Sessions = snapshot.Sessions,
            Tools = tools ? [.. snapshot.Tools.Select(t => From(new ToolStatsReport { Name = t.Name }, t.Figures))] : null,
        }, snapshot.Figures);

    /// <summary>A workload that has not served yet: zeros over the window.</summary>
    internal static EndpointStatsReport Empty(string name, int window, bool tools) => new()
    {
        Name = name,
        Since = null,
        WindowSeconds = window,
        Tools = tools ? [] : null,
    };
}
