using System.Text.Json.Serialization;

namespace Toolshed.Server.Clients.Api;

/// <summary>One known client as the API reports it: whether it is installed here and whether Toolshed manages it.</summary>
public sealed record ClientStatus
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("display_name")]
    public required string DisplayName { get; init; }

    [JsonPropertyName("installed")]
    public required bool Installed { get; init; }

    [JsonPropertyName("registered")]
    public required bool Registered { get; init; }

    [JsonPropertyName("config_path")]
    public required string ConfigPath { get; init; }

    /// <summary><c>json</c>, <c>jsonc</c>, <c>yaml</c> or <c>toml</c>.</summary>
    [JsonPropertyName("format")]
    public required string Format { get; init; }

    /// <summary><c>streamable-http</c> (the client gets the URL) or <c>stdio</c> (it runs <c>shed proxy stdio NAME</c>).</summary>
    [JsonPropertyName("group"), System.ComponentModel.Description("The group whose one endpoint the client was registered with, instead of every workload")]
    public string? Group { get; init; }

    [JsonPropertyName("transport")]
    public required string Transport { get; init; }
}
