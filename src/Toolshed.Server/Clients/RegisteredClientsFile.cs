using System.Text.Json.Serialization;

namespace Toolshed.Server.Clients;

/// <summary>The shape of <c>clients.json</c>.</summary>
public sealed record RegisteredClientsFile
{
    /// <summary>Before homes were stored: client ids, all meant for the daemon's own home. Read, never written.</summary>
    [JsonPropertyName("registered")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Registered { get; init; }

    [JsonPropertyName("clients")]
    public IReadOnlyList<RegisteredClient> Clients { get; init; } = [];
}
