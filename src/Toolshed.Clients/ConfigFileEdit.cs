using Toolshed.Core.IO;

namespace Toolshed.Clients;

/// <summary>One change to a client config file, with what Toolshed remembers about that file.</summary>
public sealed record ConfigFileEdit
{
    /// <summary>The change to the file's text ("" when the file does not exist).</summary>
    public required Func<string, string> Edit { get; init; }

    /// <summary>
    /// What Toolshed created earlier for this file (the file itself, directories): a file Toolshed created gets no
    /// backup, and when an edit leaves it as <see cref="EmptyText"/> it is deleted, with the directories Toolshed
    /// created for it once they are empty.
    /// </summary>
    public IReadOnlyCollection<string> CreatedEarlier { get; init; } = [];

    /// <summary>The text Toolshed writes for a servers container with no entries (the file holds nothing of the user's).</summary>
    public string? EmptyText { get; init; }

    /// <summary>
    /// The user the file belongs to. When set, the file and every directory above it up to one of <see cref="Roots"/>
    /// must be theirs (following links), and what the daemon creates is given to them.
    /// </summary>
    public FileOwnerId? Owner { get; init; }

    /// <summary>The directories the file must lie under (the caller's home, XDG_CONFIG_HOME, APPDATA).</summary>
    public IReadOnlyList<string> Roots { get; init; } = [];
}
