using System.Text.Json.Serialization;

namespace Toolshed.Server.Workloads.Api;

/// <summary>A port of a server: camelCase inside ContainerInfo, exactly as the API reference shows.</summary>
public sealed record PortInfo(
    [property: JsonPropertyName("containerPort")] int ContainerPort,
    [property: JsonPropertyName("hostPort")] int HostPort,
    [property: JsonPropertyName("protocol")] string Protocol);
