using System.Text.Json.Serialization;

namespace Toolshed.Server.Clients;

/// <summary>The shape of <c>clients.json</c>.</summary>
public sealed record RegisteredClientsFile
{
    [JsonPropertyName("registered")]
    public IReadOnlyList<string> Registered { get; init; } = [];
}
