namespace Toolshed.Cli.Daemon.Service;

/// <summary>What `shed daemon uninstall --purge` removed, and what it kept on purpose (with the reason).</summary>
internal sealed class PurgeReport
{
    public List<string> Removed { get; } = [];

    public List<string> Kept { get; } = [];
}
