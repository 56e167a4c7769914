using System.Diagnostics.CodeAnalysis;
using Toolshed.Core.Registry;
using Toolshed.Server.Registry;

namespace Toolshed.Server.Workloads;

/// <summary>The registries as the workload manager sees them: a way to resolve a create request's image.</summary>
internal sealed class RegistryServerCatalog(RegistryService registries) : IServerCatalog
{
    public bool TryResolveServer(string reference, [NotNullWhen(true)] out string? registryName, [NotNullWhen(true)] out RegistryServer? server) =>
        registries.TryResolveServer(reference, out registryName, out server);

    public bool RegistryExists(string name) => registries.List().Any(registry => registry.Name == name);
}
