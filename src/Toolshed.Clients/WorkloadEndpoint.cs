namespace Toolshed.Clients;

/// <summary>A running workload as clients reach it: its name and the port of its local proxy.</summary>
public sealed record WorkloadEndpoint(string Name, int Port)
{
    public string McpUrl => $"http://127.0.0.1:{Port}/mcp";

    public string SseUrl => $"http://127.0.0.1:{Port}/sse";
}
