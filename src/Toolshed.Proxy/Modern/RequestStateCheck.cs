namespace Toolshed.Proxy.Modern;

/// <summary>What a retry's <c>requestState</c> turned out to be.</summary>
internal enum RequestStateCheck
{
    Valid,

    /// <summary>Not one the proxy signed (altered, truncated, made up).</summary>
    Invalid,

    /// <summary>Signed, but for another caller or another request.</summary>
    Mismatch,

    /// <summary>Signed for this request, but its time is up.</summary>
    Expired,
}
