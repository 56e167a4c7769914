using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Toolshed.Bench.Modern;

/// <summary>
/// The client's own cost: an endpoint that answers at once what the proxy would (initialize with a session id, echo
/// with the message, as JSON or one SSE event as the request accepts), with no bridge and no server behind it. What the
/// same clients reach against it is the ceiling they put on any figure; their CPU per call is theirs alone.
/// GET /stats gives the serving process's counters (<see cref="ServingStats"/>).
/// </summary>
internal sealed class TrivialEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TrivialEndpoint(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<TrivialEndpoint> StartAsync(CancellationToken cancellationToken)
    {
        // Empty: no configuration files, so no file watcher over the working directory (the default builders watch it,
        // recursively, and the audit log written below it woke that watcher on every call).
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync(cancellationToken);
        // Kestrel reports the port it bound (0 asked for any) once started.
        return new TrivialEndpoint(app, new Uri(new Uri(app.Urls.First()), "mcp"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task HandleAsync(HttpContext http)
    {
        if (http.Request.Method == "GET" && http.Request.Path == "/stats")
        {
            // The serving process's own counters, read by the client at the edges of each measured window.
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(ServingStats.Now().ToJson(), Encoding.UTF8, http.RequestAborted);
            return;
        }

        if (http.Request.Method != "POST")
        {
            http.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        var message = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject;
        if (message?["id"] is not { } id)
        {
            http.Response.StatusCode = StatusCodes.Status202Accepted;
            return;
        }

        var modern = http.Request.Headers["MCP-Protocol-Version"] == ModernEchoClient.ProtocolVersion;
        JsonObject result;
        switch (message["method"]?.GetValue<string>())
        {
            case "initialize":
                http.Response.Headers["Mcp-Session-Id"] = "trivial";
                result = new JsonObject
                {
                    ["protocolVersion"] = LegacyEchoClient.ProtocolVersion,
                    ["capabilities"] = new JsonObject { ["tools"] = new JsonObject() },
                    ["serverInfo"] = new JsonObject { ["name"] = "trivial", ["version"] = "1" },
                };
                break;
            case "tools/call":
                var text = "Echo: " + message["params"]?["arguments"]?["message"]?.GetValue<string>();
                result = new JsonObject { ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text }) };
                if (modern)
                {
                    result["resultType"] = "complete";
                }

                break;
            default:
                result = new JsonObject { ["tools"] = new JsonArray() };
                break;
        }

        var answer = new JsonObject { ["result"] = result, ["jsonrpc"] = "2.0", ["id"] = id.DeepClone() }.ToJsonString();
        if (http.Request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            http.Response.ContentType = "text/event-stream";
            await http.Response.WriteAsync("event: message\ndata: " + answer + "\n\n", Encoding.UTF8, http.RequestAborted);
            return;
        }

        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(answer, Encoding.UTF8, http.RequestAborted);
    }
}
