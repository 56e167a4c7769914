namespace Toolshed.Core.Runtime;

/// <summary>A network to create. An internal network has no route out of the engine host: its containers reach only
/// each other (and whatever else is attached to it).</summary>
public sealed record NetworkSpec
{
    public required string Name { get; init; }

    public bool Internal { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}
