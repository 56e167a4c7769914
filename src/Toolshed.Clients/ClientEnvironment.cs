namespace Toolshed.Clients;

/// <summary>
/// The user directories client config paths are resolved against. Built from an explicit home directory so the
/// daemon and tests never have to touch the real HOME.
/// </summary>
public sealed record ClientEnvironment(string Home, ClientPlatform Platform)
{
    /// <summary>Linux: <c>$XDG_CONFIG_HOME</c> when set for this home, else <c>~/.config</c>.</summary>
    public string? XdgConfigHome { get; init; }

    /// <summary>Windows: the roaming application data folder (<c>%APPDATA%</c>).</summary>
    public string? AppData { get; init; }

    /// <summary>Where per-user config lives: <c>~/.config</c>, <c>~/Library/Application Support</c> or <c>%APPDATA%</c>.</summary>
    public string UserConfigDirectory => Platform switch
    {
        ClientPlatform.MacOS => Path.Combine(Home, "Library", "Application Support"),
        ClientPlatform.Windows => AppData ?? Path.Combine(Home, "AppData", "Roaming"),
        _ => XdgConfigHome ?? Path.Combine(Home, ".config"),
    };

    /// <summary>Linux-style <c>~/.config</c> even on macOS (several CLIs use it there too); <c>%APPDATA%</c> on Windows.</summary>
    public string DotConfigDirectory => Platform == ClientPlatform.Windows ? UserConfigDirectory : XdgConfigHome ?? Path.Combine(Home, ".config");

    public string InHome(params string[] parts) => Path.Combine([Home, .. parts]);

    public string InUserConfig(params string[] parts) => Path.Combine([UserConfigDirectory, .. parts]);

    public static ClientPlatform CurrentPlatform =>
        OperatingSystem.IsWindows() ? ClientPlatform.Windows : OperatingSystem.IsMacOS() ? ClientPlatform.MacOS : ClientPlatform.Linux;

    /// <summary>
    /// The current user's directories; <paramref name="homeOverride"/> replaces HOME (and then XDG_CONFIG_HOME and
    /// APPDATA are derived from it, so nothing outside the given home is read or written).
    /// </summary>
    public static ClientEnvironment Resolve(string? homeOverride, Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        if (!string.IsNullOrWhiteSpace(homeOverride))
        {
            return new ClientEnvironment(Path.GetFullPath(homeOverride), CurrentPlatform);
        }

        var home = getVariable("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return new ClientEnvironment(home, CurrentPlatform)
        {
            XdgConfigHome = getVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg ? xdg : null,
            AppData = getVariable("APPDATA") is { Length: > 0 } appData ? appData : null,
        };
    }
}
