namespace Toolshed.Clients;

/// <summary>What an edit did on disk: whether it wrote, what it created (to remember) and what it deleted (to forget).</summary>
public sealed record ConfigFileChange(bool Written, IReadOnlyList<string> Created, IReadOnlyList<string> Deleted)
{
    public static ConfigFileChange None { get; } = new(false, [], []);
}
