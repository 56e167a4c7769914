using Toolshed.Core.IO;

namespace Toolshed.Clients;

/// <summary>
/// Refuses a config path that leads out of its user's hands: the file and every existing directory from it up to the
/// caller's home (or XDG_CONFIG_HOME / APPDATA) must be owned by that user, following symbolic links, so a link to
/// another user's directory or a system one is never read or written. Linux only (elsewhere ownership is not read).
/// </summary>
internal static class ConfigPathGuard
{
    public static void Check(string fullPath, IReadOnlyList<string> roots, int uid)
    {
        var normalizedRoots = roots.Select(r => Path.TrimEndingDirectorySeparator(Path.GetFullPath(r))).ToList();
        CheckOwner(fullPath, uid);
        var current = Path.GetDirectoryName(fullPath);
        while (current is not null)
        {
            CheckOwner(current, uid);
            if (normalizedRoots.Contains(Path.TrimEndingDirectorySeparator(current), StringComparer.Ordinal))
            {
                return;
            }

            current = Path.GetDirectoryName(current);
        }

        throw new UnauthorizedAccessException($"{fullPath} is not under the home it is managed for ({string.Join(", ", normalizedRoots)}).");
    }

    private static void CheckOwner(string path, int uid)
    {
        if (UnixOwner.Of(path) is { } owner && owner.Uid != uid)
        {
            throw new UnauthorizedAccessException(
                $"{path} belongs to uid {owner.Uid}, not to uid {uid} whose config this is; Toolshed does not read or write through it.");
        }
    }
}
