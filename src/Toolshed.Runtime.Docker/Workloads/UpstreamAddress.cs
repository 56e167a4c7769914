using Toolshed.Core.Errors;
using Toolshed.Core.Workloads;
using Toolshed.Runtime.Docker.Egress;
using Toolshed.Runtime.Docker.Engine;

namespace Toolshed.Runtime.Docker.Workloads;

/// <summary>Where the daemon reaches an HTTP server's MCP endpoint in its container.</summary>
internal static class UpstreamAddress
{
    public static Uri Of(WorkloadSpec spec, ContainerDetails? details)
    {
        var path = spec.Transport == McpTransport.Sse ? "/sse" : "/mcp";
        if (details is not null && details.NetworkAddresses.TryGetValue(EgressGateway.NetworkName(spec.Name), out var address))
        {
            // Held to an allow-list on an internal network: nothing is published, the server is reached at its address there.
            return new Uri(new Uri($"http://{address}:{spec.TargetPort}"), path);
        }

        var published = details?.Ports.FirstOrDefault(port => port.ContainerPort == spec.TargetPort && port.HostPort > 0)
            ?? throw new ContainerEngineException(
                $"The engine did not publish port {spec.TargetPort} of '{spec.Name}'; the container may have exited at once. See `shed logs {spec.Name}`.");
        var host = string.IsNullOrEmpty(published.HostIp) || published.HostIp == "0.0.0.0" ? "127.0.0.1" : published.HostIp;
        return new Uri(new Uri($"http://{host}:{published.HostPort}"), path);
    }
}
