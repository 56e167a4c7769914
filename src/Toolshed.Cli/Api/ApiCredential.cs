using Toolshed.Cli.Daemon;
using Toolshed.Core.Configuration;
using Toolshed.Server.Api.Auth;

namespace Toolshed.Cli.Api;

/// <summary>
/// The credential `shed` sends to the daemon: <c>TOOLSHED_API_TOKEN</c> when set (an OIDC token, or another daemon's
/// token; an environment variable, never an argument, so it stays out of `ps` and shell history), else the token file
/// of this state root — sent only to a loopback URL, since that file is the local daemon's and no other's.
/// </summary>
internal sealed class ApiCredential(Func<string, string?> getVariable, string tokenPath, bool mayUseTokenFile)
{
    public const string EnvironmentVariable = "TOOLSHED_API_TOKEN";

    public static ApiCredential For(Uri apiUrl, ToolshedPaths paths, Func<string, string?>? getVariable = null)
    {
        ArgumentNullException.ThrowIfNull(apiUrl);
        ArgumentNullException.ThrowIfNull(paths);
        return new ApiCredential(getVariable ?? Environment.GetEnvironmentVariable, paths.ApiTokenPath, AutoStartPolicy.IsLoopback(apiUrl));
    }

    /// <summary>Read at each request: a daemon this CLI just started writes its token file after the client was made.</summary>
    public string? Current()
    {
        var explicitToken = getVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(explicitToken))
        {
            return explicitToken.Trim();
        }

        return mayUseTokenFile ? ApiTokenFile.Read(tokenPath) : null;
    }
}
