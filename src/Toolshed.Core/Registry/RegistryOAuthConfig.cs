using System.Text.Json.Serialization;

namespace Toolshed.Core.Registry;

/// <summary>
/// What a remote registry server's entry says about signing in to it: a client id the remote's authorization server
/// knows Toolshed by, the scopes to ask for, and a fixed callback port when the client was registered with one.
/// Discovery, registration and PKCE happen as for any remote; what the user gives outranks this.
/// </summary>
public sealed record RegistryOAuthConfig
{
    [JsonPropertyName("client_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ClientId { get; init; }

    [JsonPropertyName("scopes")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Scopes { get; init; }

    [JsonPropertyName("callback_port")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? CallbackPort { get; init; }
}
