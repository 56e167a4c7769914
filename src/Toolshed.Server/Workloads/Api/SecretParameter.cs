using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Toolshed.Server.Workloads.Api;

/// <summary>secrets.SecretParameter: a stored secret and the environment variable it becomes.</summary>
[Description("Secret parameter to inject")]
public sealed record SecretParameter
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("target")]
    public string? Target { get; init; }
}
