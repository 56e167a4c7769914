namespace Toolshed.Core.Workloads;

/// <summary>The wire names of <see cref="McpTransport"/>: "stdio", "sse", "streamable-http".</summary>
public static class McpTransportNames
{
    public const string Stdio = "stdio";
    public const string Sse = "sse";
    public const string StreamableHttp = "streamable-http";

    public static IReadOnlyList<string> All { get; } = [Stdio, Sse, StreamableHttp];

    public static string ToName(this McpTransport transport) => transport switch
    {
        McpTransport.Stdio => Stdio,
        McpTransport.Sse => Sse,
        McpTransport.StreamableHttp => StreamableHttp,
        _ => throw new ArgumentOutOfRangeException(nameof(transport), transport, null),
    };

    public static bool TryParse(string? name, out McpTransport transport)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case Stdio:
                transport = McpTransport.Stdio;
                return true;
            case Sse:
                transport = McpTransport.Sse;
                return true;
            case StreamableHttp or "streamable_http" or "http":
                transport = McpTransport.StreamableHttp;
                return true;
            default:
                transport = default;
                return false;
        }
    }
}
