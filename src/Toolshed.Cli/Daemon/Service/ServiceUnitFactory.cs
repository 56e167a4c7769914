using Toolshed.Core.Configuration;

namespace Toolshed.Cli.Daemon.Service;

/// <summary>
/// Builds the unit for this checkout and this state root. The command is the repository's `./shed` script when shed
/// runs from it (the script rebuilds shed when the sources changed, so the service keeps working across `git pull`
/// and rebuilds); otherwise the running build itself (apphost, or `dotnet shed.dll`), which must stay where it is.
/// </summary>
public static class ServiceUnitFactory
{
    /// <summary>The variables passed on, when set: where the state lives, which engine, which client configs, and
    /// where dotnet is (a user service starts with a minimal PATH). Never the secrets password.</summary>
    private static readonly string[] s_carried =
        ["TOOLSHED_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "TOOLSHED_CLIENT_HOME", "DOCKER_HOST", "DOTNET_ROOT", "PATH"];

    private static readonly HashSet<string> s_paths = new(StringComparer.Ordinal) { "TOOLSHED_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "TOOLSHED_CLIENT_HOME" };

    public static ServiceUnit Create(IReadOnlyList<string> command, ToolshedPaths paths, Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(getVariable);
        var home = getVariable("TOOLSHED_HOME");
        var environment = new List<KeyValuePair<string, string>>();
        foreach (var name in s_carried)
        {
            if (getVariable(name) is not { Length: > 0 } value || (name.StartsWith("XDG_", StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(home)))
            {
                continue;
            }

            environment.Add(new(name, s_paths.Contains(name) ? Path.GetFullPath(value) : value));
        }

        return new ServiceUnit { Command = command, Environment = environment, LogPath = paths.DaemonLogPath };
    }

    /// <summary>The `shed serve` command line: `./shed serve …` when the running shed.dll is the one the repository's
    /// script builds (REPO/.artifacts/shed/shed.dll beside REPO/shed), else this very build.</summary>
    public static IReadOnlyList<string> ServeCommand(string processPath, string? entryAssemblyPath, Uri apiUrl)
    {
        ArgumentNullException.ThrowIfNull(apiUrl);
        var direct = DaemonCommandLine.Build(processPath, entryAssemblyPath, apiUrl);
        return ScriptOf(entryAssemblyPath) is { } script ? [script, .. direct.SkipWhile(argument => argument != "serve")] : direct;
    }

    /// <summary>REPO/shed when <paramref name="entryAssemblyPath"/> is REPO/.artifacts/shed/shed.dll and the script exists.</summary>
    internal static string? ScriptOf(string? entryAssemblyPath)
    {
        if (string.IsNullOrEmpty(entryAssemblyPath))
        {
            return null;
        }

        var output = Path.GetDirectoryName(Path.GetFullPath(entryAssemblyPath));
        var artifacts = Path.GetDirectoryName(output);
        if (output is null || artifacts is null || Path.GetFileName(output) != "shed" || Path.GetFileName(artifacts) != ".artifacts")
        {
            return null;
        }

        var script = Path.Combine(Path.GetDirectoryName(artifacts)!, "shed");
        return File.Exists(script) ? script : null;
    }
}
