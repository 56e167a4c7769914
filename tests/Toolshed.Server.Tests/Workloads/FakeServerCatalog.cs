using System.Diagnostics.CodeAnalysis;
using Toolshed.Core.Registry;
using Toolshed.Server.Workloads;

namespace Toolshed.Server.Tests.Workloads;

/// <summary>A registry with a fixed set of servers, to isolate request mapping from registry loading.</summary>
internal sealed class FakeServerCatalog(params RegistryServer[] servers) : IServerCatalog
{
    public bool TryResolveServer(string reference, [NotNullWhen(true)] out string? registryName, [NotNullWhen(true)] out RegistryServer? server)
    {
        var name = reference.StartsWith("default/", StringComparison.Ordinal) ? reference["default/".Length..] : reference;
        var found = servers.FirstOrDefault(s => s.Name == name);
        registryName = "default";
        server = found;
        return found is not null;
    }

    public bool RegistryExists(string name) => name == "default";
}
