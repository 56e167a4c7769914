using System.Text.Json.Serialization;

namespace Toolshed.Server.Clients.Api;

/// <summary>
/// The answer to registering a client: its status and, per config file Toolshed could not edit (it does not parse,
/// say), one warning naming the file and the position.
/// </summary>
public sealed record ClientChangeResponse
{
    [JsonPropertyName("client")]
    public required ClientStatus Client { get; init; }

    [JsonPropertyName("warnings")]
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
