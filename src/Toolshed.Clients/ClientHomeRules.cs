using Toolshed.Core.Errors;
using Toolshed.Core.IO;

namespace Toolshed.Clients;

/// <summary>
/// Checks a home sent by an API caller before the daemon writes anything under it: absolute paths only, the home an
/// existing directory and, on Linux, owned by the caller's uid (the daemon takes it from the kernel for a local caller,
/// see the API's LoopbackPeer; as stated otherwise; the daemon's own when none is known). The
/// API token holder is trusted as the daemon's user; these rules keep a mistaken or crafted request from pointing the
/// daemon's writes at a directory that is not that user's home (a system directory, another user's home, a symlink to
/// one of them).
/// </summary>
public static class ClientHomeRules
{
    public static ClientHome Validate(ClientHome home)
    {
        ArgumentNullException.ThrowIfNull(home);
        var path = Absolute(home.Home, "home")
            ?? throw new InvalidInputException("home is empty; send the home directory whose client configs to manage.", "home");
        if (!Directory.Exists(path))
        {
            throw new InvalidInputException($"home {path} is not an existing directory.", "home", "Send an existing home directory (HOME of the user running shed).");
        }

        var normalized = home with
        {
            Home = path,
            XdgConfigHome = Absolute(home.XdgConfigHome, "xdg_config_home"),
            AppData = Absolute(home.AppData, "appdata"),
        };
        if (home.Uid is < 0)
        {
            throw new InvalidInputException($"uid {home.Uid} is not a user id.", "uid");
        }

        var expected = home.Uid ?? UnixOwner.EffectiveUid();
        if (expected is { } uid && UnixOwner.Of(path) is { } owner && owner.Uid != uid)
        {
            throw new InvalidInputException(
                $"home {path} belongs to uid {owner.Uid}, not to uid {uid}; Toolshed edits client configs only in a home owned by the user they are for.",
                "home",
                $"Run shed as the owner of {path}, or point {ClientHome.OverrideVariable} at a directory you own.");
        }

        return normalized;
    }

    private static string? Absolute(string? value, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (value.Contains('\0', StringComparison.Ordinal) || !Path.IsPathFullyQualified(value))
        {
            throw new InvalidInputException($"{field} must be an absolute path; got '{value.Replace("\0", "\\0", StringComparison.Ordinal)}'.", field);
        }

        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(value));
    }
}
