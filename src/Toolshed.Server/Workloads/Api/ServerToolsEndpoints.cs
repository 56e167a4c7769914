using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Toolshed.Server.Workloads.Api;

/// <summary>A workload's tool filter and overrides: read, and changed on the running workload.</summary>
public static class ServerToolsEndpoints
{
    public static RouteGroupBuilder MapServerToolsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var tools = api.MapGroup("/servers/{name}/tools").WithTags("servers");

        tools.MapGet("/", async (string name, WorkloadManager manager, CancellationToken cancellationToken) =>
                Results.Ok(await manager.GetToolsAsync(name, cancellationToken)))
            .WithName("GetServerTools")
            .WithSummary("Get a server's tool filter and overrides")
            .WithDescription("Toolshed extension. tools: the names clients see (null: all); tools_override: per server tool name, the name and/or description clients see instead.")
            .Produces<ToolsConfig>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        tools.MapPut("/", async (string name, ToolsConfig body, WorkloadManager manager, CancellationToken cancellationToken) =>
                Results.Ok(await manager.SetToolsAsync(name, body, cancellationToken)))
            .WithName("SetServerTools")
            .WithSummary("Change which tools a server's clients see")
            .WithDescription("Toolshed extension. Replaces the filter and overrides (an empty body shows every tool as the server names it). Applies from the next request on without restarting the server; connected clients get notifications/tools/list_changed. Overrides apply first, then the allow-list on the new names; a hidden tool answers as an unknown one.")
            .Produces<ToolsConfig>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }
}
