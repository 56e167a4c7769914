namespace Toolshed.Core.Configuration;

/// <summary>
/// Where Toolshed keeps its files. <c>TOOLSHED_HOME</c> puts everything under one root (state/, config/, data/);
/// otherwise the XDG base directories are used (<c>$XDG_STATE_HOME/toolshed</c> and so on).
/// </summary>
public sealed record ToolshedPaths(string StateDirectory, string ConfigDirectory, string DataDirectory)
{
    /// <summary>The SQLite database of desired state.</summary>
    public string DatabasePath => Path.Combine(StateDirectory, "toolshed.db");

    /// <summary>The registries the user added (name → source).</summary>
    public string RegistriesPath => Path.Combine(ConfigDirectory, "registries.json");

    /// <summary>Where a daemon started in the background by the CLI writes its log.</summary>
    public string DaemonLogPath => Path.Combine(StateDirectory, "daemon.log");

    /// <summary>The REST API's bearer token (owner-only), created by the daemon on first start.</summary>
    public string ApiTokenPath => Path.Combine(StateDirectory, "api-token");

    /// <summary>The bearer token the Prometheus scrape endpoint takes (0600); it reads metrics and nothing else.</summary>
    public string MetricsTokenPath => Path.Combine(StateDirectory, "metrics-token");

    /// <summary>The file the running daemon holds an exclusive lock on: one daemon per state root.</summary>
    public string DaemonLockPath => Path.Combine(StateDirectory, "daemon.lock");

    /// <summary>Where the running daemon says where it answers (URL and process id); gone when it stops.</summary>
    public string DaemonInfoPath => Path.Combine(StateDirectory, "daemon.json");

    public static ToolshedPaths FromEnvironment() => FromEnvironment(Environment.GetEnvironmentVariable);

    public static ToolshedPaths FromEnvironment(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        var home = getVariable("TOOLSHED_HOME");
        if (!string.IsNullOrWhiteSpace(home))
        {
            var root = Path.GetFullPath(home);
            return new ToolshedPaths(Path.Combine(root, "state"), Path.Combine(root, "config"), Path.Combine(root, "data"));
        }

        var userHome = getVariable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string Xdg(string variable, params string[] fallback) =>
            Path.Combine(NonEmpty(getVariable(variable)) ?? Path.Combine([userHome, .. fallback]), "toolshed");

        return new ToolshedPaths(
            Xdg("XDG_STATE_HOME", ".local", "state"),
            Xdg("XDG_CONFIG_HOME", ".config"),
            Xdg("XDG_DATA_HOME", ".local", "share"));
    }

    /// <summary>Creates the directories (owner-only access) when missing.</summary>
    public void EnsureCreated()
    {
        foreach (var directory in new[] { StateDirectory, ConfigDirectory, DataDirectory })
        {
            if (Directory.Exists(directory))
            {
                continue;
            }

            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
