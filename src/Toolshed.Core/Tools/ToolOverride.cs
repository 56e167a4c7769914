namespace Toolshed.Core.Tools;

/// <summary>What a client sees of one of the server's tools instead: another name, another description, or both.</summary>
public sealed record ToolOverride
{
    public string? Name { get; init; }

    public string? Description { get; init; }
}
