using Microsoft.Extensions.Logging;

namespace Toolshed.Proxy.Auth;

/// <summary>Log messages of bearer validation. Tokens are never logged, not even in part.</summary>
internal static partial class OidcLog
{
    [LoggerMessage(101, LogLevel.Information, "Fetched {KeyCount} signing keys of {Issuer}")]
    public static partial void KeysFetched(ILogger logger, string issuer, int keyCount);

    [LoggerMessage(102, LogLevel.Warning, "Could not fetch the signing keys of {Issuer}: {Reason}")]
    public static partial void KeyFetchFailed(ILogger logger, string issuer, string reason);

    [LoggerMessage(103, LogLevel.Debug, "Refused a bearer token: {Reason}")]
    public static partial void TokenRefused(ILogger logger, string reason);
}
