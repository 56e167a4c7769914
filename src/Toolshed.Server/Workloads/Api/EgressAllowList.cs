using System.Text.Json.Serialization;

namespace Toolshed.Server.Workloads.Api;

/// <summary>The hosts and ports an allow-listed workload may reach through its egress proxy.</summary>
public sealed record EgressAllowList(
    [property: JsonPropertyName("allow_host")] IReadOnlyList<string> AllowHost,
    [property: JsonPropertyName("allow_port")] IReadOnlyList<int> AllowPort);
