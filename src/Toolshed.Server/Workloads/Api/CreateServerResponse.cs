using System.Text.Json.Serialization;

namespace Toolshed.Server.Workloads.Api;

/// <summary>201 answer of POST /api/v1beta/servers: the name and the host port the proxy serves on.</summary>
public sealed record CreateServerResponse(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("port")] int Port);
