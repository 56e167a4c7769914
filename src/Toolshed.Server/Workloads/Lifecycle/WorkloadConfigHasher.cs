using System.Security.Cryptography;
using System.Text;
using Toolshed.Core.Configuration;

namespace Toolshed.Server.Workloads.Lifecycle;

/// <summary>
/// Fingerprints the environment a container was created with (plain variables and resolved secrets) for the
/// toolshed.config-hash label, so a restart after `secret set` recreates the container instead of reusing it.
/// The fingerprint is an HMAC under a random per-daemon key (a 0600 file in the state directory): the label, which
/// anyone with engine access can read, cannot be used to test guesses of a secret.
/// </summary>
internal sealed class WorkloadConfigHasher(ToolshedPaths paths)
{
    private const int KeyLength = 32;
    private readonly Lazy<byte[]> _key = new(() => LoadOrCreateKey(Path.Combine(paths.StateDirectory, "config-hash.key")));

    public string Hash(IReadOnlyDictionary<string, string> plainEnvironment, IReadOnlyDictionary<string, string> secretEnvironment)
    {
        var text = new StringBuilder();
        Append(text, "env", plainEnvironment);
        Append(text, "secret", secretEnvironment);
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        try
        {
            return Convert.ToHexStringLower(HMACSHA256.HashData(_key.Value, bytes))[..32];
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
            text.Clear();
        }
    }

    private static void Append(StringBuilder text, string kind, IReadOnlyDictionary<string, string> variables)
    {
        // Length-prefixed so no two different environments serialize alike.
        foreach (var (name, value) in variables.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            text.Append(kind).Append(':').Append(name.Length).Append(':').Append(name).Append(value.Length).Append(':').Append(value).Append('\n');
        }
    }

    private static byte[] LoadOrCreateKey(string path)
    {
        if (File.Exists(path) && File.ReadAllBytes(path) is { Length: KeyLength } existing)
        {
            return existing;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(KeyLength);
        var temporary = path + $".{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(key);
        }

        File.Move(temporary, path, overwrite: true);
        return key;
    }
}
