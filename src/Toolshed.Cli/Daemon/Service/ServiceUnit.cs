namespace Toolshed.Cli.Daemon.Service;

/// <summary>What the systemd user unit of the Toolshed daemon runs: the command, its environment and where its output
/// goes. <see cref="ServiceUnitRenderer"/> turns it into the unit file's text.</summary>
public sealed record ServiceUnit
{
    /// <summary>The unit's name, as `systemctl --user` takes it.</summary>
    public const string Name = "toolshed.service";

    /// <summary>The command line of `shed serve`: an absolute executable path, then its arguments.</summary>
    public required IReadOnlyList<string> Command { get; init; }

    /// <summary>Variables the daemon needs to find the same state root, engine and tools as the user who installed it
    /// (never a secret), in the order written.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; init; } = [];

    /// <summary>The daemon log the output is appended to (so `shed daemon logs` reads it); null leaves it to the journal.</summary>
    public string? LogPath { get; init; }
}
