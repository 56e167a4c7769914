namespace Toolshed.Core.Runtime;

/// <summary>How a runtime places one workload, as `shed inspect` shows it.</summary>
public sealed record RuntimeDescription
{
    /// <summary>What the server can reach: "none", "all" or "allow-list".</summary>
    public required string Network { get; init; }

    /// <summary>The metadata an instance created now would carry.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public long MemoryLimitBytes { get; init; }

    public long PidsLimit { get; init; }

    /// <summary>For a package workload, what the runtime made of it (Docker: the image built from it).</summary>
    public string? PackageArtifact { get; init; }
}
