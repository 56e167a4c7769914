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
            Tools = tools ? [.. snapshot.Tools.Select(t => From(new ToolStatsReport { Name = t.Name }, t.Figures))] : null,
        }, snapshot.Figures);

    /// <summary>A workload that has not served yet: zeros over the window.</summary>
    internal static EndpointStatsReport Empty(string name, int window, bool tools) => new()
    {
        Name = name,
        WindowSeconds = window,
        Tools = tools ? [] : null,
    };
}
