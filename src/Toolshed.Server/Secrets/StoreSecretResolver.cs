using Toolshed.Core.Secrets;
using Toolshed.Server.Workloads;

namespace Toolshed.Server.Secrets;

/// <summary>Resolves workload secrets from the encrypted store when a container is created.</summary>
internal sealed class StoreSecretResolver(EncryptedSecretStore store) : ISecretResolver
{
    public Task<string?> GetAsync(string name, CancellationToken cancellationToken) => store.GetAsync(name, cancellationToken);
}
