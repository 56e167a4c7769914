namespace Toolshed.Core.Runtime;

/// <summary>What <see cref="IWorkloadRuntime.PurgeAsync"/> removed and what it kept (with the reason), one line each.</summary>
public sealed record RuntimePurge
{
    public IReadOnlyList<string> Removed { get; init; } = [];

    public IReadOnlyList<string> Kept { get; init; } = [];
}
