using Microsoft.Extensions.Logging;
using Toolshed.Proxy.Authz;
using Toolshed.Proxy.Sessions;
using Toolshed.Proxy.Stdio;

namespace Toolshed.Proxy.Transports;

/// <summary>What the client-facing endpoints of a stdio proxy share.</summary>
internal sealed record StdioEndpointContext(
    WorkloadProxyOptions Options,
    StdioMultiplexer Multiplexer,
    SessionStore Sessions,
    TimeProvider TimeProvider,
    McpCallGate Gate,
    ILogger Logger);
