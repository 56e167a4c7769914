using System.Text.Json.Serialization;

namespace Toolshed.Server.Ui;

/// <summary>POST /api/v1beta/ui/login-links: a one-time link that signs a browser in to the dashboard.</summary>
public sealed record UiLoginLink(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt);
