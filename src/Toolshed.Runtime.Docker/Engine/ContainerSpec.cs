namespace Toolshed.Runtime.Docker.Engine;

/// <summary>Everything needed to create one container. Security defaults are not optional: every container
/// drops all capabilities and runs with no-new-privileges.</summary>
public sealed record ContainerSpec
{
    public required string Name { get; init; }

    public required string Image { get; init; }

    /// <summary>Arguments appended to the image's entrypoint (Docker's Cmd).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Environment; values may be secrets, so implementations never log them.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<ContainerMount> Mounts { get; init; } = [];

    /// <summary>"none" (no network), "bridge", or the name of a network. Null means "none".</summary>
    public string? NetworkMode { get; init; }

    /// <summary>Extra names under which other containers on <see cref="NetworkMode"/> (a named network) reach this one.</summary>
    public IReadOnlyList<string> NetworkAliases { get; init; } = [];

    public IReadOnlyList<ContainerPortBinding> PortBindings { get; init; } = [];

    /// <summary>The user to run as ("uid:gid"); null keeps the image's.</summary>
    public string? User { get; init; }

    public bool ReadOnlyRootFilesystem { get; init; }

    /// <summary>Keep stdin open so the proxy can attach to it (stdio servers).</summary>
    public bool OpenStdin { get; init; }

    /// <summary>Run a tiny init as PID 1 so the server gets signals (a prompt stop) and zombies are reaped.</summary>
    public bool Init { get; init; } = true;

    public long? MemoryLimitBytes { get; init; }

    public long? PidsLimit { get; init; }
}
