using Toolshed.Core.Workloads;

namespace Toolshed.Core.Runtime;

/// <summary>Everything a runtime needs to bring one workload up: its definition and its resolved secrets.</summary>
public sealed record WorkloadLaunch
{
    public required WorkloadDefinition Definition { get; init; }

    /// <summary>Secret values by environment variable; never logged, never shown, never written in plain text.</summary>
    public IReadOnlyDictionary<string, string> SecretEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>For a package workload, its build credentials by file name (see <see cref="Packages.PackageBuildSecret"/>);
    /// like <see cref="SecretEnvironment"/>, never logged or shown.</summary>
    public IReadOnlyDictionary<string, string> BuildCredentials { get; init; } = new Dictionary<string, string>();

    /// <summary>A keyed fingerprint of the environment (plain and secret): an instance made with another one is replaced
    /// rather than adopted (e.g. after `shed secret set`). It cannot be used to test guesses of a secret.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>Whether an existing instance made from the same inputs may serve this launch (a restart, a revive, a
    /// daemon start). False for a create: the workload is new, so whatever holds its name is a leftover to replace.</summary>
    public bool Adopt { get; init; } = true;

    public WorkloadSpec Spec => Definition.Spec;

    public string Name => Definition.Name;
}
