using Microsoft.Extensions.Logging;
using Toolshed.Core.Errors;
using Toolshed.Core.Runtime;
using Toolshed.Core.Workloads;
using Toolshed.Proxy;

namespace Toolshed.Server.Workloads.Lifecycle;

/// <summary>
/// Brings one workload up behind its already-listening proxy: resolves its secrets, fingerprints its environment, asks
/// the runtime to launch it and attaches the proxy to the upstream the runtime returns.
/// </summary>
internal sealed partial class WorkloadLauncher(
    WorkloadRuntimes runtimes,
    ISecretResolver secrets,
    WorkloadConfigHasher hasher,
    ILogger<WorkloadLauncher> logger)
{
    /// <summary>Launches the workload and attaches <paramref name="proxy"/> to it. On failure nothing stays attached and
    /// the runtime has undone what it created for this launch.</summary>
    public async Task<LaunchedWorkload> LaunchAsync(
        WorkloadDefinition definition, IWorkloadEndpoint proxy, bool adopt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(proxy);
        var secretEnvironment = await ResolveSecretsAsync(definition.Spec, cancellationToken);
        var launch = new WorkloadLaunch
        {
            Definition = definition,
            SecretEnvironment = secretEnvironment,
            BuildCredentials = await Packages.PackageBuildSecrets.ResolveAsync(secrets, definition.Spec.Package, cancellationToken),
            Fingerprint = hasher.Hash(definition.Spec.Environment, secretEnvironment),
            Adopt = adopt,
        };
        var launched = await runtimes.For(definition.Spec).LaunchAsync(launch, cancellationToken);
        try
        {
            await proxy.AttachAsync(launched.Upstream, cancellationToken);
        }
        catch
        {
            await launched.DisposeAsync();
            throw;
        }

        LogServed(definition.Name, ShortId(launched.InstanceId), proxy.Port);
        return launched;
    }

    /// <summary>Resolves every secret the spec references; a missing one is a 400 naming it (never its value).</summary>
    private async Task<Dictionary<string, string>> ResolveSecretsAsync(WorkloadSpec spec, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var reference in spec.Secrets)
        {
            var value = await secrets.GetAsync(reference.Name, cancellationToken)
                ?? throw new InvalidInputException(
                    $"The secret '{reference.Name}' does not exist. Create it with `shed secret set {reference.Name}`, then try again.",
                    "secrets");
            environment[reference.Target] = value;
        }

        return environment;
    }

    private static string ShortId(string id) => id.Length > 12 ? id[..12] : id;

    [LoggerMessage(Level = LogLevel.Information, Message = "Workload {WorkloadName} runs as {InstanceId}, served on port {Port}")]
    private partial void LogServed(string workloadName, string instanceId, int port);
}
