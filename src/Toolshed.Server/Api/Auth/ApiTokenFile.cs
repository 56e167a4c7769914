using System.Security.Cryptography;

namespace Toolshed.Server.Api.Auth;

/// <summary>
/// The daemon's API token: 32 random bytes (base64url, prefixed "tsh_") in a file only its owner may read, created on
/// first start and kept across restarts so that clients holding it keep working.
/// </summary>
public static class ApiTokenFile
{
    public const string Prefix = "tsh_";
    private const int TokenBytes = 32;
    private const int MaxFileBytes = 4096;
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The token in <paramref name="path"/>, made first when the file is missing or does not hold one.</summary>
    /// <param name="path">The token file (<c>&lt;state root&gt;/api-token</c>).</param>
    /// <param name="tightened">True when the file was readable by others and its mode was reset to 0600.</param>
    public static string LoadOrCreate(string path, out bool tightened)
    {
        tightened = false;
        if (File.Exists(path))
        {
            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~OwnerOnly) != 0)
            {
                File.SetUnixFileMode(path, OwnerOnly);
                tightened = true;
            }

            if (Read(path) is { } existing)
            {
                return existing;
            }
        }

        var token = Prefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(TokenBytes));
        Write(path, token);
        return token;
    }

    /// <summary>The token a file holds, or null when it is missing, unreadable or not a token.</summary>
    public static string? Read(string path)
    {
        try
        {
            var file = new FileInfo(path);
            if (!file.Exists || file.Length > MaxFileBytes)
            {
                return null;
            }

            var text = File.ReadAllText(path).Trim();
            return text.StartsWith(Prefix, StringComparison.Ordinal) && text.Length > Prefix.Length + 16 && !text.Any(char.IsWhiteSpace)
                ? text
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void Write(string path, string token)
    {
        var temporary = path + ".tmp";
        File.Delete(temporary);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(token + "\n");
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
