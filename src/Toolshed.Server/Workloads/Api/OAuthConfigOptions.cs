using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Toolshed.Server.Workloads.Api;

/// <summary>How Toolshed signs in to a remote that answers 401 (a Toolshed extension of the create request); every
/// field is optional: without a client id it registers one itself.</summary>
[Description("OAuth settings for a remote server")]
public sealed record OAuthConfigOptions
{
    [JsonPropertyName("client_id"), Description("A client registered with the authorization server beforehand")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ClientId { get; init; }

    [JsonPropertyName("client_secret"), Description("The name of the stored secret holding that client's secret (never the value)")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ClientSecret { get; init; }

    [JsonPropertyName("client_metadata_url"), Description("An https URL of a Client ID Metadata Document to use as the client id where the server supports them")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ClientMetadataUrl { get; init; }

    [JsonPropertyName("scopes"), Description("Scopes to ask for instead of those the remote names")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Scopes { get; init; }

    [JsonPropertyName("callback_port"), Description("The loopback port the browser returns to (0 or absent: one is picked and kept)")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? CallbackPort { get; init; }

    [JsonPropertyName("allowed_private_hosts"), Description("Hosts metadata may point token or registration endpoints at although they are private, loopback or link-local addresses")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? AllowedPrivateHosts { get; init; }
}
