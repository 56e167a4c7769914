namespace Toolshed.Runtime.Docker.Egress;

/// <summary>How a workload with an allow-list reaches the outside: it sits alone on <see cref="Network"/> (internal,
/// no route out) and sends everything through the sidecar at <see cref="ProxyUrl"/>.</summary>
public sealed record EgressRoute(string Network, Uri ProxyUrl);
