using Microsoft.AspNetCore.Http;

namespace Toolshed.Proxy.Transports;

/// <summary>Routes the requests of a bridged workload or a group: /mcp (Streamable HTTP), /sse and /messages (legacy SSE).</summary>
internal sealed class McpEndpointRouter(EndpointContext context)
{
    private readonly StreamableHttpEndpoint _streamable = new(context);
    private readonly LegacySseEndpoint _legacy = new(context);

    public Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value;
        var method = http.Request.Method;
        return path switch
        {
            "/mcp" or "/mcp/" => _streamable.HandleAsync(http),
            "/sse" when method == "GET" => _legacy.StreamAsync(http),
            LegacySseEndpoint.MessagesPath or "/message" when method == "POST" => _legacy.PostAsync(http),
            "/sse" or LegacySseEndpoint.MessagesPath or "/message" => MethodNotAllowed(http),
            _ => NotFound(http),
        };
    }

    private static Task MethodNotAllowed(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        return Task.CompletedTask;
    }

    private static Task NotFound(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
