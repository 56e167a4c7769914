using Microsoft.AspNetCore.Http;
using Toolshed.Proxy.Protocol;

namespace Toolshed.Proxy.Transports;

/// <summary>
/// The first thing every request to a loopback-bound proxy meets, before authentication: its Host must name this
/// machine or an allowed host (<see cref="HostPolicy"/>), and a browser's Origin must be local too
/// (<see cref="OriginPolicy"/>). Anything else is 403 with a JSON-RPC error, and goes no further.
/// </summary>
internal sealed class RequestGuard(RequestDelegate next, bool boundToLoopback, IReadOnlyList<string> allowedHosts)
{
    public Task HandleAsync(HttpContext http)
    {
        if (!boundToLoopback)
        {
            return next(http);
        }

        if (!HostPolicy.IsAllowed(http.Request.Headers.Host.ToString(), allowedHosts))
        {
            return JsonBody.WriteErrorAsync(
                http.Response,
                StatusCodes.Status403Forbidden,
                McpProtocol.InvalidRequest,
                "the Host header names neither this machine nor an allowed host (add one with `shed serve --allowed-host NAME`)",
                http.RequestAborted);
        }

        if (!OriginPolicy.IsAllowed(http.Request, allowedHosts))
        {
            return JsonBody.WriteErrorAsync(
                http.Response, StatusCodes.Status403Forbidden, McpProtocol.InvalidRequest, "requests from this Origin are not allowed", http.RequestAborted);
        }

        return next(http);
    }
}
