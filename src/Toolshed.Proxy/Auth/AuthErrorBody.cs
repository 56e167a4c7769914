using System.Text.Json.Serialization;

namespace Toolshed.Proxy.Auth;

/// <summary>The body of a 401: the same error and description as the WWW-Authenticate header.</summary>
public sealed record AuthErrorBody(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string ErrorDescription);
