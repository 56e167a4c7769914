using Toolshed.Core.Errors;
using Toolshed.Runtime.Docker.Engine;
using Toolshed.Runtime.Docker.Egress;

namespace Toolshed.Runtime.Docker.Workloads;

/// <summary>
/// Refuses to take a workload's engine names (its container, its egress sidecar and network) while something this
/// daemon does not own holds one: the daemon never removes, restarts or adopts what is not its own.
/// </summary>
internal sealed class ForeignNames(IContainerEngine runtime, DaemonInstance instance)
{
    /// <summary>Throws a <see cref="ConflictException"/> saying what to do when a foreign container or network holds a
    /// name the workload needs.</summary>
    public async Task EnsureFreeAsync(string workload, CancellationToken cancellationToken)
    {
        foreach (var name in new[] { ContainerSpecFactory.ContainerName(workload), EgressGateway.SidecarName(workload) })
        {
            if (await runtime.InspectContainerAsync(name, cancellationToken) is { } container)
            {
                ThrowIfForeign(container, workload);
            }
        }

        if (await runtime.InspectNetworkAsync(EgressGateway.NetworkName(workload), cancellationToken) is { } network
            && !instance.Owns(network.Labels))
        {
            throw new ConflictException(
                $"A network named {network.Name} exists that this daemon did not create (owner: {DaemonInstance.OwnerOf(network.Labels)}).",
                $"Remove it with `docker network rm {network.Name}`, or pick another --name.");
        }
    }

    /// <summary>Throws unless <paramref name="container"/> is this daemon's.</summary>
    public void ThrowIfForeign(ContainerDetails container, string workload)
    {
        ArgumentNullException.ThrowIfNull(container);
        if (instance.Owns(container.Labels))
        {
            return;
        }

        var name = container.Name.TrimStart('/');
        throw new ConflictException(
            $"A container named {name} exists that this daemon did not create (owner: {DaemonInstance.OwnerOf(container.Labels)}); Toolshed leaves it alone.",
            $"Remove it with `docker rm -f {name}`, or pick another --name than '{workload}'.");
    }
}
