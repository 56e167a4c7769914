using System.Net.Http.Headers;

namespace Toolshed.Cli.Api;

/// <summary>
/// The bearer token for a daemon started with `shed serve --oidc-*`: taken from <c>TOOLSHED_API_TOKEN</c> (an
/// environment variable, never an argument, so it stays out of `ps` and shell history).
/// </summary>
internal static class ApiToken
{
    public const string EnvironmentVariable = "TOOLSHED_API_TOKEN";

    public static void Apply(HttpClient http, Func<string, string?>? getVariable = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        var token = (getVariable ?? Environment.GetEnvironmentVariable)(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(token))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());
        }
    }
}
