using System.Globalization;
using Toolshed.Core.Runtime;
using Toolshed.Runtime.Docker.Engine;

namespace Toolshed.Runtime.Docker.Workloads;

/// <summary>When an existing container may serve a launch instead of a new one.</summary>
internal static class AdoptionRules
{
    /// <summary>
    /// Only a container made for the same proxy port, from the same environment (a changed secret or variable means it
    /// holds stale values) and on the network its profile asks for now (an allow-list that an earlier version left on
    /// the open bridge must not be adopted).
    /// </summary>
    public static bool CanAdopt(ContainerDetails container, WorkloadLaunch launch) =>
        container.Labels.GetValueOrDefault(ToolshedLabels.Port) == launch.Spec.ProxyPort.ToString(CultureInfo.InvariantCulture)
        && container.Labels.GetValueOrDefault(ToolshedLabels.ConfigHash) == launch.Fingerprint
        && container.NetworkMode == ContainerSpecFactory.NetworkModeOf(launch.Definition);
}
