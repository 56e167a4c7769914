using System.Diagnostics.CodeAnalysis;
using Toolshed.Core.Registry;

namespace Toolshed.Server.Workloads;

/// <summary>What the workload manager needs of the registries: resolving a create request's image to a server.</summary>
public interface IServerCatalog
{
    /// <summary>Resolves "server" (default registry) or "registry/server"; false when it names no registry server.</summary>
    bool TryResolveServer(string reference, [NotNullWhen(true)] out string? registryName, [NotNullWhen(true)] out RegistryServer? server);

    bool RegistryExists(string name);
}
