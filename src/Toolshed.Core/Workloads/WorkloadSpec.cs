namespace Toolshed.Core.Workloads;

/// <summary>
/// Everything the user asked for when creating a workload: its desired state. Carries secret references,
/// never secret values, so it is safe to persist and to show.
/// </summary>
public sealed record WorkloadSpec
{
    public required string Name { get; init; }

    /// <summary>The container image reference, or for a package workload its pinned package reference
    /// (<c>npx://name@1.2.3</c>; see <see cref="Package"/>).</summary>
    public required string Image { get; init; }

    /// <summary>What a package workload runs, resolved at create time; null for an image.</summary>
    public Packages.PackageSpec? Package { get; init; }

    /// <summary>For a remote workload, the server it connects to; null for one that runs here. A remote workload's
    /// <see cref="Image"/> is its URL, for showing.</summary>
    public Remote.RemoteServerSpec? Remote { get; init; }

    public McpTransport Transport { get; init; } = McpTransport.Stdio;

    /// <summary>Which tools clients see, and under what names; null shows the server's own list.</summary>
    public Tools.ToolFilterSpec? Tools { get; init; }

    /// <summary>The port the server listens on inside the container (HTTP transports only).</summary>
    public int? TargetPort { get; init; }

    /// <summary>The host port the proxy serves on; chosen once and kept across restarts.</summary>
    public int ProxyPort { get; init; }

    /// <summary>The address the proxy binds to.</summary>
    public string Host { get; init; } = "127.0.0.1";

    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Plain (non-secret) environment variables.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<VolumeMount> Volumes { get; init; } = [];

    /// <summary>Whether the user asked, by name, for binds of sensitive host paths (the engine's socket, Toolshed's
    /// state, /, /proc …); kept so that recreating the container later binds them again.</summary>
    public bool AllowSensitiveMounts { get; init; }

    /// <summary>"none", "network", or a JSON permission profile (inline or the text of a file).</summary>
    public string PermissionProfile { get; init; } = "none";

    /// <summary>The container's memory limit; null means the default.</summary>
    public long? MemoryLimitBytes { get; init; }

    /// <summary>The container's process limit; null means the default.</summary>
    public long? PidsLimit { get; init; }

    public IReadOnlyList<SecretReference> Secrets { get; init; } = [];

    public OidcSettings? Oidc { get; init; }

    /// <summary>The Cedar authorization config (ToolHive's format, its text as read at create time), when the proxy
    /// should authorize calls.</summary>
    public string? AuthzConfig { get; init; }

    /// <summary>The registry entry this workload came from ("registry/server"), when it came from one.</summary>
    public string? RegistryServer { get; init; }
}
