namespace Toolshed.Core.Groups;

/// <summary>One explicit name in a group: the member's tool or prompt <see cref="Name"/> is shown as <see cref="As"/>.</summary>
public sealed record GroupRename
{
    public required string Member { get; init; }

    public required string Name { get; init; }

    public required string As { get; init; }
}
