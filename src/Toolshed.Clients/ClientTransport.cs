namespace Toolshed.Clients;

/// <summary>How a client reaches a workload: at its Streamable HTTP URL, or by launching the stdio bridge.</summary>
public enum ClientTransport
{
    StreamableHttp,

    /// <summary>The client only launches local processes: it runs <c>shed proxy stdio NAME</c>.</summary>
    StdioBridge,
}
