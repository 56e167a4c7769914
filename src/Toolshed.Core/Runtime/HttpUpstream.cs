namespace Toolshed.Core.Runtime;

/// <summary>An HTTP server (Streamable HTTP or legacy SSE) at this MCP endpoint, e.g. http://172.18.0.5:8080/mcp.</summary>
public sealed record HttpUpstream(Uri Endpoint) : WorkloadUpstream;
