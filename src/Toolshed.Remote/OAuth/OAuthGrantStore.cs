using System.Text.Json;
using Toolshed.Core.Secrets;

namespace Toolshed.Remote.OAuth;

/// <summary>
/// Keeps each remote's <see cref="OAuthGrant"/> in the encrypted secret store, as the secret
/// <c>toolshed.oauth.&lt;workload&gt;</c>: tokens never go into the workload's record, a log line or an API answer.
/// </summary>
internal sealed class OAuthGrantStore(EncryptedSecretStore secrets)
{
    public const string Prefix = "toolshed.oauth.";

    public static string SecretName(string workload) => Prefix + workload;

    public async Task<OAuthGrant?> LoadAsync(string workload, CancellationToken cancellationToken)
    {
        var text = await secrets.GetAsync(SecretName(workload), cancellationToken);
        if (text is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(text, OAuthJsonContext.Default.OAuthGrant);
        }
        catch (JsonException)
        {
            return null; // Not ours any more (edited by hand): signing in again writes a fresh one.
        }
    }

    public Task SaveAsync(string workload, OAuthGrant grant, CancellationToken cancellationToken) =>
        secrets.SetAsync(SecretName(workload), JsonSerializer.Serialize(grant, OAuthJsonContext.Default.OAuthGrant), cancellationToken);

    public Task DeleteAsync(string workload, CancellationToken cancellationToken) =>
        secrets.DeleteAsync(SecretName(workload), cancellationToken);

    public Task<string?> GetSecretAsync(string name, CancellationToken cancellationToken) => secrets.GetAsync(name, cancellationToken);
}
