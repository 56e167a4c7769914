using Toolshed.Core.Workloads;
using Toolshed.Server.Workloads.Api;

namespace Toolshed.Cli.Commands;

/// <summary>
/// The syntax of `shed run`'s repeatable values. Each check returns the usage error to show, or null when the value
/// is well formed, so bad values stop at parse time with exit code 2.
/// </summary>
public static class RunOptionSyntax
{
    /// <summary>`-e KEY=VALUE`: a non-empty key without spaces; the value may be empty.</summary>
    public static string? CheckEnv(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            return $"-e '{value}' has no '='; write it as KEY=VALUE, e.g. -e {value}=something.";
        }

        var key = value[..equals];
        return key.Length == 0 || key.Any(char.IsWhiteSpace)
            ? $"-e '{value}' needs a variable name without spaces before '='; write it as KEY=VALUE."
            : null;
    }

    /// <summary>`--secret NAME,target=ENV`: a stored secret and the environment variable it becomes.</summary>
    public static string? CheckSecret(string value) => TryParseSecret(value, out _, out var error) ? null : error;

    public static string? CheckBuildSecret(string value) =>
        !TryParseSecret(value, out var secret, out _) || !Core.Packages.PackageBuildSecret.Files.Contains(secret.Target!)
            ? $"--build-secret '{value}' must name a secret and the credentials file it becomes: --build-secret NAME,target=npmrc (or pip.conf, netrc)."
            : null;

    public static bool TryParseSecret(string value, out SecretParameter secret, out string error)
    {
        ArgumentNullException.ThrowIfNull(value);
        secret = new SecretParameter();
        error = "";
        var parts = value.Split(',', 2);
        var name = parts[0].Trim();
        const string Prefix = "target=";
        var target = parts.Length == 2 && parts[1].Trim().StartsWith(Prefix, StringComparison.Ordinal)
            ? parts[1].Trim()[Prefix.Length..].Trim()
            : null;
        if (name.Length == 0 || string.IsNullOrEmpty(target) || target.Any(char.IsWhiteSpace))
        {
            error = $"--secret '{value}' must name a secret and its target variable: --secret NAME,target=ENV_VAR.";
            return false;
        }

        secret = new SecretParameter { Name = name, Target = target };
        return true;
    }

    /// <summary>`-v HOST_PATH:CONTAINER_PATH[:ro]`, the container path absolute.</summary>
    public static string? CheckVolume(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = value.Split(':');
        var wellFormed = parts.Length is 2 or 3
            && parts[0].Length > 0
            && parts[1].StartsWith('/')
            && (parts.Length == 2 || parts[2] is "ro" or "rw");
        return wellFormed ? null : $"-v '{value}' must be HOST_PATH:CONTAINER_PATH or HOST_PATH:CONTAINER_PATH:ro, with an absolute container path.";
    }

    /// <summary>`--permission-profile none|network|FILE`, the file existing.</summary>
    public static string? CheckPermissionProfile(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value is "none" or "network" || File.Exists(value)
            ? null
            : $"--permission-profile '{value}' is neither 'none', 'network' nor an existing profile file; give one of those.";
    }

    public static string? CheckTransport(string value) =>
        McpTransportNames.All.Contains(value)
            ? null
            : $"--transport '{value}' is not one of {string.Join(", ", McpTransportNames.All)}.";

    public static string? CheckPort(string option, int value, int min) =>
        value < min || value > 65535 ? $"{option} must be between {min} and 65535, not {value}." : null;
}
