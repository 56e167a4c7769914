using Toolshed.Server.Workloads;

namespace Toolshed.Server.Tests.Workloads.Lifecycle;

/// <summary>Secrets in a dictionary.</summary>
internal sealed class FakeSecrets : ISecretResolver
{
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    public Task<string?> GetAsync(string name, CancellationToken cancellationToken) => Task.FromResult(Values.GetValueOrDefault(name));
}
