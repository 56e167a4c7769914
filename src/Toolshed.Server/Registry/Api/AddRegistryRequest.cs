using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Toolshed.Server.Registry.Api;

/// <summary>POST /api/v1beta/registry: a name and exactly one source.</summary>
[Description("Add registry request")]
public sealed record AddRegistryRequest
{
    [JsonPropertyName("name"), Description("Name to give the registry")]
    public string? Name { get; init; }

    [JsonPropertyName("path"), Description("Absolute path of a registry JSON file on the daemon's host")]
    public string? Path { get; init; }

    [JsonPropertyName("url"), Description("http(s) URL of a registry JSON document")]
    public string? Url { get; init; }
}
