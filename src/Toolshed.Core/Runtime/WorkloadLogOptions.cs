namespace Toolshed.Core.Runtime;

/// <summary>How much of a container's output to read.</summary>
public sealed record WorkloadLogOptions
{
    /// <summary>The last N lines; null for all.</summary>
    public int? Tail { get; init; } = 100;

    public bool Follow { get; init; }

    /// <summary>Only lines written at or after this time (e.g. by the current run of a restarted container).</summary>
    public DateTimeOffset? Since { get; init; }

    public bool Stdout { get; init; } = true;

    public bool Stderr { get; init; } = true;
}
