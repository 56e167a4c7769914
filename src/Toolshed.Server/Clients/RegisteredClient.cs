using System.Text.Json.Serialization;
using Toolshed.Clients;

namespace Toolshed.Server.Clients;

/// <summary>
/// One registration: a client, the home of the user who registered it (its config is the one under that home) and
/// what Toolshed created for that config (the file, directories), so it can take them away again and never backs up
/// a file of its own making.
/// </summary>
public sealed record RegisteredClient
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("home")]
    public required ClientHome Home { get; init; }

    /// <summary>The group whose one endpoint this registration puts in the client instead of every workload's; null for
    /// every workload.</summary>
    [JsonPropertyName("group")]
    public string? Group { get; init; }

    /// <summary>Absent in the file means none (the source-generated reader passes null for a missing property).</summary>
    [JsonPropertyName("created")]
    public IReadOnlyList<string> Created { get; init => field = value ?? []; } = [];

    public bool IsFor(string name, ClientHome home) =>
        string.Equals(Name, name, StringComparison.Ordinal) && string.Equals(Home.Home, home.Home, StringComparison.Ordinal);
}
