using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Toolshed.Core.Errors;
using Toolshed.Core.Runtime;
using Toolshed.Egress.Policy;
using Toolshed.Runtime.Docker.Engine;
using Toolshed.Runtime.Docker.Workloads;

namespace Toolshed.Runtime.Docker.Egress;

/// <summary>
/// Enforces a workload's egress allow-list. The workload gets a network of its own that is internal (the engine gives
/// it no route out); the only other member is a sidecar running the Toolshed egress proxy, which is also on the
/// outbound network and lets through exactly the CONNECT tunnels and HTTP requests whose host and port the policy
/// allows. The workload is pointed at the sidecar with HTTP(S)_PROXY; anything that ignores those has nowhere to go.
/// </summary>
public sealed partial class EgressGateway(
    IContainerEngine runtime,
    EgressImage image,
    DaemonInstance instance,
    EgressOptions options,
    ILogger<EgressGateway> logger)
{
    public const string ProxyAlias = "toolshed-egress";
    public const int ProxyPort = 3128;
    private static readonly TimeSpan s_readyTimeout = TimeSpan.FromSeconds(20);

    public static Uri ProxyUrl { get; } = new($"http://{ProxyAlias}:{ProxyPort}");

    public static string NetworkName(string workload) => $"toolshed-{workload}-net";

    public static string SidecarName(string workload) => $"toolshed-{workload}-egress";

    /// <summary>
    /// Creates (or reuses, or repairs) the workload's network and a running sidecar enforcing <paramref name="policy"/>.
    /// With <paramref name="hostReachable"/> (HTTP-transport servers, which the daemon must reach by address) the network
    /// keeps a host-side address; stdio servers get none, and so cannot reach services on the engine host either.
    /// </summary>
    public async Task<EgressRoute> EnsureAsync(string workload, EgressPolicy policy, bool hostReachable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var layout = await BuildImageAsync(cancellationToken);
        if (await runtime.InspectNetworkAsync(options.OutboundNetwork, cancellationToken) is null)
        {
            throw new ContainerEngineException(
                $"The egress network '{options.OutboundNetwork}' does not exist on the engine. Create it, or start the daemon with another `--egress-network`.");
        }

        var network = await EnsureNetworkAsync(workload, hostReachable, cancellationToken);
        var route = new EgressRoute(network.Name, ProxyUrl);
        var policyHash = PolicyHash(policy, layout.Image, options.OutboundNetwork);
        var existing = await OwnedSidecarAsync(workload, refuseForeign: true, cancellationToken);
        if (existing is not null && existing.Labels.GetValueOrDefault(ToolshedLabels.EgressPolicy) == policyHash)
        {
            if (!existing.IsRunning)
            {
                var restarted = DateTimeOffset.UtcNow;
                await runtime.StartContainerAsync(existing.Id, cancellationToken);
                await WaitUntilListeningAsync(workload, existing.Id, restarted, cancellationToken);
            }

            return route;
        }

        if (existing is not null)
        {
            await runtime.RemoveContainerAsync(existing.Id, force: true, cancellationToken);
        }

        var id = await runtime.CreateContainerAsync(SidecarSpec(workload, policy, policyHash, layout, network), cancellationToken);
        try
        {
            await runtime.ConnectNetworkAsync(id, options.OutboundNetwork, [], cancellationToken);
            var started = DateTimeOffset.UtcNow;
            await runtime.StartContainerAsync(id, cancellationToken);
            await WaitUntilListeningAsync(workload, id, started, cancellationToken);
        }
        catch
        {
            await runtime.RemoveContainerAsync(id, force: true, CancellationToken.None);
            throw;
        }

        LogEnforcing(logger, workload, policy.ToString());
        return route;
    }

    /// <summary>Whether the workload's sidecar runs (the reconciler revives the workload when it does not).</summary>
    public async Task<bool> IsRunningAsync(string workload, CancellationToken cancellationToken) =>
        await OwnedSidecarAsync(workload, refuseForeign: false, cancellationToken) is { IsRunning: true };

    public async Task StopAsync(string workload, CancellationToken cancellationToken)
    {
        if (await OwnedSidecarAsync(workload, refuseForeign: false, cancellationToken) is { } sidecar)
        {
            await runtime.StopContainerAsync(sidecar.Id, TimeSpan.FromSeconds(2), cancellationToken);
        }
    }

    /// <summary>Removes the sidecar and the network when they are this daemon's; call after the workload's own
    /// container is gone. What another owner holds under those names is left alone.</summary>
    public async Task RemoveAsync(string workload, CancellationToken cancellationToken)
    {
        if (await OwnedSidecarAsync(workload, refuseForeign: false, cancellationToken) is { } sidecar)
        {
            await runtime.RemoveContainerAsync(sidecar.Id, force: true, cancellationToken);
        }

        if (await runtime.InspectNetworkAsync(NetworkName(workload), cancellationToken) is { } network && instance.Owns(network.Labels))
        {
            await runtime.RemoveNetworkAsync(network.Name, cancellationToken);
        }
    }

    /// <summary>
    /// The sidecar's decisions from now on (its log, followed), across restarts of the sidecar (looked at again every
    /// two seconds while it is down) until it is removed or <paramref name="cancellationToken"/> fires; nothing for a
    /// workload without one.
    /// </summary>
    public async IAsyncEnumerable<Core.Runtime.EgressDecision> WatchAsync(
        string workload, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The first follow takes the lines since a second before the watch began (the engine counts in seconds), so the
        // decisions made while it attaches are not lost; after a restart of the sidecar, only new ones.
        var options = new Core.Runtime.WorkloadLogOptions { Follow = true, Tail = null, Since = DateTimeOffset.UtcNow.AddSeconds(-1), Stderr = false };
        while (await OwnedSidecarAsync(workload, refuseForeign: false, cancellationToken) is { } sidecar)
        {
            if (sidecar.IsRunning)
            {
                await foreach (var line in runtime.GetLogsAsync(sidecar.Id, options, cancellationToken))
                {
                    if (EgressLogLine.Parse(line.Text) is { } decision)
                    {
                        yield return decision;
                    }
                }

                options = options with { Tail = 0, Since = null };
            }

            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }
    }

    /// <summary>The workload's sidecar when this daemon owns it; null when there is none or (unless
    /// <paramref name="refuseForeign"/>, then a 409) when the name is held by a container of another owner.</summary>
    private async Task<ContainerDetails?> OwnedSidecarAsync(string workload, bool refuseForeign, CancellationToken cancellationToken)
    {
        var sidecar = await runtime.InspectContainerAsync(SidecarName(workload), cancellationToken);
        if (sidecar is null || instance.Owns(sidecar.Labels))
        {
            return sidecar;
        }

        if (!refuseForeign)
        {
            return null;
        }

        throw new ConflictException(
            $"A container named {SidecarName(workload)} exists that this daemon did not create (owner: {DaemonInstance.OwnerOf(sidecar.Labels)}); Toolshed leaves it alone.",
            $"Remove it with `docker rm -f {SidecarName(workload)}`, or pick another --name than '{workload}'.");
    }

    /// <summary>The workloads this daemon holds egress networks for (the reconciler removes those no workload claims).</summary>
    public async Task<IReadOnlySet<string>> NetworkOwnersAsync(CancellationToken cancellationToken)
    {
        return (await runtime.ListNetworksAsync(instance.OwnedFilter, cancellationToken))
            .Select(n => n.Labels.GetValueOrDefault(ToolshedLabels.EgressFor))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The workload's internal network: reused when it is ours and shaped as asked, otherwise (re)created on
    /// a free /28 of the pool.</summary>
    private async Task<NetworkDetails> EnsureNetworkAsync(string workload, bool hostReachable, CancellationToken cancellationToken)
    {
        var name = NetworkName(workload);
        if (await runtime.InspectNetworkAsync(name, cancellationToken) is { } existing)
        {
            if (!instance.Owns(existing.Labels))
            {
                throw new ConflictException(
                    $"A network named {name} exists that this daemon did not create (owner: {DaemonInstance.OwnerOf(existing.Labels)}); Toolshed leaves it alone.",
                    $"Remove it with `docker network rm {name}`, or pick another --name than '{workload}'.");
            }

            if (existing.Internal && existing.HostUnreachable == !hostReachable && existing.Subnets.Count > 0)
            {
                return existing;
            }

            // Ours, but left by an earlier version or another transport: members first, then the network.
            if (await OwnedSidecarAsync(workload, refuseForeign: false, cancellationToken) is { } sidecar)
            {
                await runtime.RemoveContainerAsync(sidecar.Id, force: true, cancellationToken);
            }

            await runtime.RemoveNetworkAsync(name, cancellationToken);
        }

        var tried = new HashSet<string>(StringComparer.Ordinal);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var taken = (await runtime.ListNetworksAsync(new Dictionary<string, string>(), cancellationToken)).SelectMany(n => n.Subnets);
            var subnet = SubnetAllocator.Pick(options.SubnetPool, taken, tried)
                ?? throw new ContainerEngineException(
                    $"No free /{SubnetAllocator.PrefixLength} is left in the egress subnet pool {options.SubnetPool} for '{workload}'. Remove unused workloads, or start the daemon with a larger `--egress-subnet-pool`.");
            tried.Add(subnet);
            try
            {
                return await runtime.EnsureNetworkAsync(
                    new NetworkSpec { Name = name, Internal = true, HostUnreachable = !hostReachable, Subnet = subnet, Labels = Labels(workload) },
                    cancellationToken);
            }
            catch (EngineRefusedException ex) when (ex.Refusal == EngineRefusal.SubnetOverlap)
            {
                // Another network took that range in the meantime: try the next.
            }
        }

        throw new ContainerEngineException($"Could not find a free subnet for the egress network of '{workload}' in {options.SubnetPool}.");
    }

    private async Task<EgressRootFilesystem> BuildImageAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await image.EnsureAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            throw new ContainerEngineException($"Could not build the egress proxy image that enforces allow_host/allow_port: {ex.Message}");
        }
    }

    private ContainerSpec SidecarSpec(string workload, EgressPolicy policy, string policyHash, EgressRootFilesystem layout, NetworkDetails network)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in layout.RuntimeEnvironment.Concat(policy.ToEnvironment()))
        {
            environment[name] = value;
        }

        environment["TOOLSHED_EGRESS_CLIENT_SUBNETS"] = string.Join(',', network.Subnets);
        var labels = Labels(workload);
        labels[ToolshedLabels.EgressPolicy] = policyHash;
        return new ContainerSpec
        {
            Name = SidecarName(workload),
            Image = layout.Image,
            Arguments = EgressRootFilesystem.Command,
            Environment = environment,
            Labels = labels,
            NetworkMode = network.Name,
            NetworkAliases = [ProxyAlias],
            User = "65534:65534",
            ReadOnlyRootFilesystem = true,
            MemoryLimitBytes = 256L * 1024 * 1024,
            PidsLimit = 256,
        };
    }

    private Dictionary<string, string> Labels(string workload) => new(StringComparer.Ordinal)
    {
        [ToolshedLabels.Managed] = ToolshedLabels.ManagedValue,
        [ToolshedLabels.ManagedBy] = ToolshedLabels.ManagedByValue,
        [ToolshedLabels.Instance] = instance.Id,
        [ToolshedLabels.EgressFor] = workload,
    };

    /// <summary>Waits for the proxy's "listening" line so the workload never starts before its only way out exists.</summary>
    private async Task WaitUntilListeningAsync(string workload, string id, DateTimeOffset started, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_readyTimeout);
        var lines = new List<string>();
        try
        {
            // Only this run's lines: a restarted sidecar's earlier "listening" must not count. The engine stamps lines with
            // the clock of the host the daemon runs on (egress needs the daemon on the engine's host).
            var follow = new WorkloadLogOptions { Tail = null, Follow = true, Since = started };
            await foreach (var line in runtime.GetLogsAsync(id, follow, timeout.Token))
            {
                if (line.Text.Contains(" listening on port ", StringComparison.Ordinal))
                {
                    return;
                }

                lines.Add(line.Text);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }

        throw new ContainerEngineException(
            $"The egress proxy of '{workload}' did not start: {(lines.Count == 0 ? "it wrote nothing" : string.Join(" | ", lines.TakeLast(5)))}.");
    }

    private static string PolicyHash(EgressPolicy policy, string image, string outboundNetwork) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{policy}\n{image}\n{outboundNetwork}")))[..16];

    [LoggerMessage(Level = LogLevel.Information, Message = "Workload {WorkloadName} reaches the outside only through its egress proxy: {Policy}")]
    private static partial void LogEnforcing(ILogger logger, string workloadName, string policy);
}
