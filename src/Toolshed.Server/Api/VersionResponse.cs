using System.Text.Json.Serialization;

namespace Toolshed.Server.Api;

/// <summary>GET /api/v1beta/version.</summary>
public sealed record VersionResponse([property: JsonPropertyName("version")] string Version);
