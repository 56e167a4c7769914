using Microsoft.Extensions.Logging;
using Toolshed.Proxy.Authz;
using Toolshed.Proxy.Sessions;

namespace Toolshed.Proxy.Transports;

/// <summary>What the client-facing endpoints of a bridged workload or a group share.</summary>
internal sealed record EndpointContext(
    WorkloadProxyOptions Options,
    IClientMessageHandler Messages,
    SessionStore Sessions,
    TimeProvider TimeProvider,
    McpCallGate Gate,
    ILogger Logger);
