namespace Toolshed.Proxy.Modern;

/// <summary>
/// What MCP 2026-07-28 (the first "modern" revision: stateless requests, no initialize) names on the wire: the
/// per-request <c>_meta</c> keys, the routing headers and the error codes the specification reserves.
/// </summary>
internal static class ModernProtocol
{
    public const string Version = "2026-07-28";

    public const string ProtocolVersionKey = "io.modelcontextprotocol/protocolVersion";
    public const string ClientCapabilitiesKey = "io.modelcontextprotocol/clientCapabilities";
    public const string ClientInfoKey = "io.modelcontextprotocol/clientInfo";
    public const string LogLevelKey = "io.modelcontextprotocol/logLevel";
    public const string ServerInfoKey = "io.modelcontextprotocol/serverInfo";
    public const string SubscriptionIdKey = "io.modelcontextprotocol/subscriptionId";

    public const string MethodHeader = "Mcp-Method";
    public const string NameHeader = "Mcp-Name";
    public const string ParamHeaderPrefix = "Mcp-Param-";

    /// <summary>The HTTP headers disagree with the body, or a required one is missing or malformed (HTTP 400).</summary>
    public const int HeaderMismatch = -32020;

    /// <summary>Serving the request needs a capability the client did not declare (HTTP 400).</summary>
    public const int MissingRequiredClientCapability = -32021;

    /// <summary>The requested protocol version is not served here; <c>data.supported</c> lists what is (HTTP 400).</summary>
    public const int UnsupportedProtocolVersion = -32022;

    /// <summary>Resource not found before 2026-07-28; modern clients get <see cref="Protocol.McpProtocol.InvalidParams"/>.</summary>
    public const int LegacyResourceNotFound = -32002;

    /// <summary>Every revision an endpoint serves, newest first: the modern one, then the 2025-era ones (and 2024-11-05).</summary>
    public static readonly string[] ServedVersions = [Version, .. Protocol.McpProtocol.SupportedVersions];

    public static bool IsModern(string? version) => version == Version;

    /// <summary>Methods 2026-07-28 removed, with what replaced each; a modern request for one is answered 404 / -32601.</summary>
    public static string? RemovedMethod(string method) => method switch
    {
        "initialize" => "a modern request needs no initialize: send requests with their _meta, or server/discover",
        "ping" => "ping was removed in 2026-07-28; use server/discover",
        "logging/setLevel" => "logging/setLevel was removed in 2026-07-28; set _meta[\"io.modelcontextprotocol/logLevel\"] on each request",
        "resources/subscribe" or "resources/unsubscribe" =>
            $"{method} was removed in 2026-07-28; use subscriptions/listen with resourceSubscriptions",
        "tasks/get" or "tasks/result" or "tasks/list" or "tasks/cancel" =>
            $"{method} is not served here: 2026-07-28 moved tasks to an extension this endpoint does not offer",
        _ => null,
    };

    /// <summary>Methods whose complete results carry caching hints (<c>ttlMs</c>, <c>cacheScope</c>).</summary>
    public static bool IsCacheable(string method) => method is
        "server/discover" or "tools/list" or "prompts/list" or "resources/list" or "resources/templates/list" or "resources/read";

    /// <summary>Methods a server may answer with <c>input_required</c> (multi round-trip requests).</summary>
    public static bool AllowsInput(string method) => method is "tools/call" or "prompts/get" or "resources/read";

    /// <summary>Methods whose <c>Mcp-Name</c> header is required, and the parameter it mirrors.</summary>
    public static string? NamedBy(string method) => method switch
    {
        "tools/call" or "prompts/get" => "name",
        "resources/read" => "uri",
        _ => null,
    };

    /// <summary>The client capability a server request needs, or null when it is not one a client answers.</summary>
    public static string? CapabilityFor(string serverMethod) => serverMethod switch
    {
        "sampling/createMessage" => "sampling",
        "elicitation/create" => "elicitation",
        "roots/list" => "roots",
        _ => null,
    };
}
