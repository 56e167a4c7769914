using System.Text.Json.Serialization;

namespace Toolshed.Core.Configuration;

/// <summary>What the running daemon writes next to its lock, so that `shed` finds it without being told its URL.</summary>
public sealed record DaemonInfo
{
    [JsonPropertyName("url")]
    public required string Url { get; init; }

    [JsonPropertyName("pid")]
    public required int ProcessId { get; init; }

    [JsonPropertyName("version")]
    public string? Version { get; init; }

    [JsonPropertyName("started_at")]
    public DateTimeOffset StartedAt { get; init; }
}
