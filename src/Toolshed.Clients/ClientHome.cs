using System.Text.Json.Serialization;
using Toolshed.Core.IO;

namespace Toolshed.Clients;

/// <summary>
/// Whose client configs a request is about: the home directory of the user running <c>shed</c> (and the variables the
/// catalog resolves paths with), sent with every client request and stored with each registration so the daemon's
/// later edits go to the same files.
/// </summary>
public sealed record ClientHome
{
    /// <summary>Set for <c>shed</c>, replaces HOME for client configs (XDG_CONFIG_HOME and APPDATA are then derived from it).</summary>
    public const string OverrideVariable = "TOOLSHED_CLIENT_HOME";

    [JsonPropertyName("home")]
    public required string Home { get; init; }

    [JsonPropertyName("xdg_config_home")]
    public string? XdgConfigHome { get; init; }

    [JsonPropertyName("appdata")]
    public string? AppData { get; init; }

    /// <summary>The effective uid of the user the home belongs to (Unix); null where there is none.</summary>
    [JsonPropertyName("uid")]
    public int? Uid { get; init; }

    /// <summary>
    /// The current process's user: <c>TOOLSHED_CLIENT_HOME</c> when set, else HOME, XDG_CONFIG_HOME and APPDATA as set.
    /// </summary>
    public static ClientHome FromEnvironment(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        var uid = UnixOwner.EffectiveUid();
        if (getVariable(OverrideVariable) is { Length: > 0 } overridden)
        {
            return new ClientHome { Home = Path.GetFullPath(overridden), Uid = uid };
        }

        return new ClientHome
        {
            Home = getVariable("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
            XdgConfigHome = NonEmpty(getVariable("XDG_CONFIG_HOME")),
            AppData = NonEmpty(getVariable("APPDATA")),
            Uid = uid,
        };
    }

    public ClientEnvironment ToEnvironment(ClientPlatform platform) =>
        new(Home, platform) { XdgConfigHome = XdgConfigHome, AppData = AppData };

    /// <summary>The directories a config path may live under: the home and, when set, the two variables.</summary>
    public IEnumerable<string> Roots() =>
        new[] { Home, XdgConfigHome, AppData }.OfType<string>();

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
