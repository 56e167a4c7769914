using System.Text.Json.Serialization;

namespace Toolshed.Core.Registry;

/// <summary>Where a server's image comes from and who signed it (sigstore).</summary>
public sealed record RegistryProvenance
{
    [JsonPropertyName("attestation")]
    public RegistryAttestation Attestation { get; init; } = new();

    [JsonPropertyName("cert_issuer")]
    public string CertIssuer { get; init; } = "";

    [JsonPropertyName("repository_ref")]
    public string RepositoryRef { get; init; } = "";

    [JsonPropertyName("repository_uri")]
    public string RepositoryUri { get; init; } = "";

    [JsonPropertyName("runner_environment")]
    public string RunnerEnvironment { get; init; } = "";

    [JsonPropertyName("signer_identity")]
    public string SignerIdentity { get; init; } = "";

    [JsonPropertyName("sigstore_url")]
    public string SigstoreUrl { get; init; } = "";
}
