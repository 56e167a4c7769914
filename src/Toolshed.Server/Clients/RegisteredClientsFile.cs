using System.Text.Json.Serialization;

namespace Toolshed.Server.Clients;

/// <summary>The shape of <c>clients.json</c>.</summary>
public sealed record RegisteredClientsFile
{
    /// <summary>Before homes were stored: client ids, all meant for the daemon's own home. Read, never written.</summary>
    [JsonPropertyName("registered")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Registered { get; init; }

    /// <summary>Absent in an older file; the source-generated reader then passes null, read as none.</summary>
    [JsonPropertyName("clients")]
    public IReadOnlyList<RegisteredClient> Clients { get; init => field = value ?? []; } = [];
}
