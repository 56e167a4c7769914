using Toolshed.Core.Workloads;

namespace Toolshed.Core.Runtime;

/// <summary>
/// A remote MCP server at <paramref name="Endpoint"/>, spoken to on <paramref name="Transport"/> through clients from
/// <paramref name="CreateClient"/>: those carry the remote's headers and credentials (and refresh them), so the proxy
/// never sees a token and never sends a local caller's.
/// </summary>
public sealed record RemoteUpstream(Uri Endpoint, McpTransport Transport, Func<HttpClient> CreateClient) : WorkloadUpstream;
