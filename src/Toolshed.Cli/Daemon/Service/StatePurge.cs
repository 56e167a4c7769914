using Toolshed.Core.Configuration;

namespace Toolshed.Cli.Daemon.Service;

/// <summary>Deletes a state root's directories (database, API token, daemon.json, log, audit, secrets and their key,
/// registries, registered clients), then TOOLSHED_HOME itself when nothing else is left in it.</summary>
internal static class StatePurge
{
    public static void Run(ToolshedPaths paths, string? toolshedHome, PurgeReport report)
    {
        foreach (var directory in new[] { paths.StateDirectory, paths.ConfigDirectory, paths.DataDirectory }.Distinct(StringComparer.Ordinal))
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
                report.Removed.Add($"directory {directory}");
            }
        }

        if (!string.IsNullOrWhiteSpace(toolshedHome) && Path.GetFullPath(toolshedHome) is var home && Directory.Exists(home))
        {
            if (Directory.EnumerateFileSystemEntries(home).Any())
            {
                report.Kept.Add($"directory {home}: it holds files Toolshed did not make");
            }
            else
            {
                Directory.Delete(home);
                report.Removed.Add($"directory {home}");
            }
        }
    }
}
