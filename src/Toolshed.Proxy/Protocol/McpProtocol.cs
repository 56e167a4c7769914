namespace Toolshed.Proxy.Protocol;

/// <summary>Protocol constants the proxy relies on.</summary>
internal static class McpProtocol
{
    public const string Latest = "2025-11-25";

    /// <summary>What a Streamable HTTP request without an MCP-Protocol-Version header is taken to speak.</summary>
    public const string DefaultHttpVersion = "2025-03-26";

    /// <summary>The only revision that allows JSON-RPC batches.</summary>
    public const string BatchVersion = "2025-03-26";

    public const string SessionIdHeader = "Mcp-Session-Id";
    public const string ProtocolVersionHeader = "MCP-Protocol-Version";

    public static readonly string[] SupportedVersions = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"];

    public static bool IsSupported(string? version) => version is not null && Array.IndexOf(SupportedVersions, version) >= 0;

    /// <summary>The version to answer a client's initialize with: its own when supported, else the latest.</summary>
    public static string Negotiate(string? requested) => IsSupported(requested) ? requested! : Latest;

    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;
    public const int ServerGone = -32000;

    /// <summary>The key of a -32000 error's <c>data</c> saying the server refused the request with this HTTP status
    /// (rather than being gone).</summary>
    public const string RefusedStatusKey = "httpStatus";

    /// <summary>The server did not answer within the proxy's request timeout (the code the MCP SDKs use for it).</summary>
    public const int RequestTimedOut = -32001;

    /// <summary>A request the authorization policy denied (answered with HTTP 403).</summary>
    public const int Forbidden = -32003;
}
