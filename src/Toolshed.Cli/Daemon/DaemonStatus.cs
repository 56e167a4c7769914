using System.Text.Json.Serialization;

namespace Toolshed.Cli.Daemon;

/// <summary>What `shed daemon status --format json` prints.</summary>
internal sealed record DaemonStatus
{
    [JsonPropertyName("running")]
    public bool Running { get; init; }

    [JsonPropertyName("url")]
    public string? Url { get; init; }

    [JsonPropertyName("pid")]
    public int? ProcessId { get; init; }

    [JsonPropertyName("version")]
    public string? Version { get; init; }

    [JsonPropertyName("started_at")]
    public DateTimeOffset? StartedAt { get; init; }

    [JsonPropertyName("state_root")]
    public required string StateRoot { get; init; }

    [JsonPropertyName("log")]
    public required string Log { get; init; }

    [JsonPropertyName("token_file")]
    public required string TokenFile { get; init; }
}
