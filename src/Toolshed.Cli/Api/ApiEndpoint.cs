namespace Toolshed.Cli.Api;

/// <summary>Where the CLI finds the daemon: <c>TOOLSHED_API_URL</c>, default http://127.0.0.1:8080.</summary>
public static class ApiEndpoint
{
    public const string EnvironmentVariable = "TOOLSHED_API_URL";
    public const string DefaultUrl = "http://127.0.0.1:8080";

    /// <summary>The base URL (always ending in '/') from an explicit value, else the environment, else the default.</summary>
    public static Uri Resolve(string? configured)
    {
        var text = string.IsNullOrWhiteSpace(configured) ? Environment.GetEnvironmentVariable(EnvironmentVariable) : configured;
        if (string.IsNullOrWhiteSpace(text))
        {
            text = DefaultUrl;
        }

        text = text.Trim();
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliException($"{EnvironmentVariable} '{text}' is not an http(s) URL; set it like {DefaultUrl}.");
        }

        return url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
    }
}
