using Microsoft.Extensions.Logging;

namespace Toolshed.Server.Api.Auth;

internal static partial class ApiAuthLog
{
    [LoggerMessage(1, LogLevel.Warning, "The API listens on {Host}, beyond this machine, without OIDC: anyone who reaches it can run containers. Add --oidc-issuer and --oidc-audience, or bind 127.0.0.1")]
    public static partial void ExposedWithoutAuthentication(ILogger logger, string host);

    [LoggerMessage(2, LogLevel.Information, "The API requires bearer tokens from {Issuer}")]
    public static partial void Protected(ILogger logger, string issuer);
}
