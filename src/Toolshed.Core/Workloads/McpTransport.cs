namespace Toolshed.Core.Workloads;

/// <summary>How the MCP server inside the container speaks.</summary>
public enum McpTransport
{
    /// <summary>JSON-RPC lines over stdin/stdout; the proxy attaches to the container.</summary>
    Stdio,

    /// <summary>Legacy HTTP+SSE (2024-11-05) on <see cref="WorkloadSpec.TargetPort"/>.</summary>
    Sse,

    /// <summary>Streamable HTTP on <see cref="WorkloadSpec.TargetPort"/>.</summary>
    StreamableHttp,
}
