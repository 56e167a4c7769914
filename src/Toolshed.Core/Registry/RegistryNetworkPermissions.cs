using System.Text.Json.Serialization;

namespace Toolshed.Core.Registry;

/// <summary>Network permissions of a server.</summary>
public sealed record RegistryNetworkPermissions
{
    [JsonPropertyName("outbound")]
    public RegistryOutboundPermissions Outbound { get; init; } = new();
}
