namespace Toolshed.Core.Tools;

/// <summary>
/// Which of a workload's tools its clients see, and under what names: overrides first (keyed by the server's own tool
/// name), then the allow-list, on the names clients see. Null <see cref="Allow"/> shows every tool.
/// </summary>
public sealed record ToolFilterSpec
{
    public IReadOnlyList<string>? Allow { get; init; }

    public IReadOnlyDictionary<string, ToolOverride> Overrides { get; init; } = new Dictionary<string, ToolOverride>();

    /// <summary>Whether this changes nothing (no allow-list, no override).</summary>
    public bool IsEmpty => Allow is null && Overrides.Count == 0;
}
