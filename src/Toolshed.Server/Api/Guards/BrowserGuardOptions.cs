using Toolshed.Proxy.Transports;

namespace Toolshed.Server.Api.Guards;

/// <summary>How the API's browser guard runs: whether it checks Host (only on a loopback listener) and which names pass.</summary>
internal sealed record BrowserGuardOptions(bool CheckHost, IReadOnlyList<string> AllowedHosts)
{
    /// <summary>A loopback name or address, or a name the user allowed (the same rule as the workload proxies').</summary>
    public bool IsAllowedName(string name) => HostPolicy.IsLoopbackName(name) || HostPolicy.Contains(AllowedHosts, name);
}
