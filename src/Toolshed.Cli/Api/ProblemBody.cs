using System.Text.Json.Serialization;

namespace Toolshed.Cli.Api;

/// <summary>The parts of an application/problem+json answer the CLI shows.</summary>
internal sealed record ProblemBody
{
    [JsonPropertyName("title")]
    public string? Title { get; init; }

    [JsonPropertyName("status")]
    public int? Status { get; init; }

    [JsonPropertyName("detail")]
    public string? Detail { get; init; }

    [JsonPropertyName("hint")]
    public string? Hint { get; init; }

    [JsonPropertyName("field")]
    public string? Field { get; init; }
}
