using Toolshed.Proxy;

namespace Toolshed.Server.Workloads.Proxies;

/// <summary>What every workload proxy of this daemon shares, from `shed serve` (<see cref="Hosting.ToolshedServerOptions"/>).</summary>
public sealed record ProxyDefaults
{
    /// <summary>Names a loopback-bound proxy accepts in Host besides loopback addresses and localhost.</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>How long a server has to answer a request before the proxy answers for it and cancels it.</summary>
    public TimeSpan RequestTimeout { get; init; } = WorkloadProxyOptions.DefaultRequestTimeout;
}
