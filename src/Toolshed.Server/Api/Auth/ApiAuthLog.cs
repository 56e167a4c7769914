using Microsoft.Extensions.Logging;

namespace Toolshed.Server.Api.Auth;

internal static partial class ApiAuthLog
{
    [LoggerMessage(1, LogLevel.Warning, "The API listens on {Host}, beyond this machine, guarded only by its token, which travels in plain HTTP. Bind 127.0.0.1, or use --oidc-issuer and --oidc-audience behind TLS")]
    public static partial void ExposedWithoutAuthentication(ILogger logger, string host);

    [LoggerMessage(2, LogLevel.Information, "The API requires bearer tokens from {Issuer}")]
    public static partial void Protected(ILogger logger, string issuer);

    [LoggerMessage(3, LogLevel.Warning, "The API token file {Path} was readable by other users; it is now owner-only (0600). Anyone who read it could drive this daemon: delete the file and restart the daemon to get a new token")]
    public static partial void TokenFileTightened(ILogger logger, string path);
}
