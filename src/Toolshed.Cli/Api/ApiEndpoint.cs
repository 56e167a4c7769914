using Toolshed.Core.Configuration;

namespace Toolshed.Cli.Api;

/// <summary>
/// Where the CLI finds the daemon: an explicit URL, else <c>TOOLSHED_API_URL</c>, else the daemon that holds this
/// state root (its daemon.json, while its process lives), else http://127.0.0.1:8080.
/// </summary>
public static class ApiEndpoint
{
    public const string EnvironmentVariable = "TOOLSHED_API_URL";
    public const string DefaultUrl = "http://127.0.0.1:8080";

    /// <summary>The base URL (always ending in '/') from an explicit value, else the environment, else the default.</summary>
    public static Uri Resolve(string? configured) => Resolve(configured, paths: null, Environment.GetEnvironmentVariable);

    /// <summary>As <see cref="Resolve(string?)"/>, with the running daemon of <paramref name="paths"/> before the default.</summary>
    public static Uri Resolve(string? configured, ToolshedPaths? paths, Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        var text = string.IsNullOrWhiteSpace(configured) ? getVariable(EnvironmentVariable) : configured;
        if (string.IsNullOrWhiteSpace(text))
        {
            text = (paths is null ? null : DaemonInfoFile.ReadLive(paths.DaemonInfoPath)?.Url) ?? DefaultUrl;
        }

        text = text.Trim();
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliException($"{EnvironmentVariable} '{text}' is not an http(s) URL; set it like {DefaultUrl}.");
        }

        return url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
    }
}
