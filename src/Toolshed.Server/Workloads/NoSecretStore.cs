namespace Toolshed.Server.Workloads;

/// <summary>
/// The secret resolver until the encrypted store exists: it knows no secrets, so a workload that references one is
/// refused with a 400 naming the secret instead of starting without it.
/// </summary>
internal sealed class NoSecretStore : ISecretResolver
{
    public Task<string?> GetAsync(string name, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
