namespace Toolshed.Runtime.Docker.Engine;

/// <summary>The labels Toolshed puts on every container it creates.</summary>
public static class ToolshedLabels
{
    public const string Managed = "toolshed";
    public const string Name = "toolshed.name";
    public const string Transport = "toolshed.transport";
    public const string Port = "toolshed.port";
    public const string ManagedBy = "toolshed.managed-by";
    public const string TargetPort = "toolshed.target-port";
    public const string ConfigHash = "toolshed.config-hash";

    /// <summary>On an egress sidecar and its network: the workload they serve (they carry no <see cref="Name"/>).</summary>
    public const string EgressFor = "toolshed.egress-for";

    /// <summary>On an egress sidecar: a hash of the allow-list it enforces, so a changed list recreates it.</summary>
    public const string EgressPolicy = "toolshed.egress-policy";

    /// <summary>Which daemon (state root) owns the container, so two daemons on one engine never touch each other's.</summary>
    public const string Instance = "toolshed.instance";

    public const string ManagedValue = "true";
    public const string ManagedByValue = "toolshed";

    /// <summary>The label filter that selects every container Toolshed manages.</summary>
    public static IReadOnlyDictionary<string, string> ManagedFilter { get; } =
        new Dictionary<string, string> { [Managed] = ManagedValue };
}
