using System.Text.Json.Serialization;

namespace Toolshed.Core.Registry;

/// <summary>Outbound network access: hosts, ports and transports allowed, or everything.</summary>
public sealed record RegistryOutboundPermissions
{
    [JsonPropertyName("allow_host")]
    public IReadOnlyList<string> AllowHost { get; init; } = [];

    [JsonPropertyName("allow_port")]
    public IReadOnlyList<int> AllowPort { get; init; } = [];

    [JsonPropertyName("allow_transport")]
    public IReadOnlyList<string> AllowTransport { get; init; } = [];

    [JsonPropertyName("insecure_allow_all")]
    public bool InsecureAllowAll { get; init; }
}
