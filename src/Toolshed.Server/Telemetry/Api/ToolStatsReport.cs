using System.Text.Json.Serialization;

namespace Toolshed.Server.Telemetry.Api;

/// <summary>One tool's figures on an endpoint, by the name clients call it ("(other tools)" for tools without a row).</summary>
public sealed record ToolStatsReport : StatsFiguresReport
{
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";
}
