using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Toolshed.Server.Clients;

namespace Toolshed.Server.Workloads.Api;

/// <summary>The servers part of the REST API: thin handlers over <see cref="WorkloadManager"/>.</summary>
public static class ServersEndpoints
{
    public static RouteGroupBuilder MapServersApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var servers = api.MapGroup("/servers").WithTags("servers");

        servers.MapGet("/", async (bool? all, WorkloadManager manager, CancellationToken cancellationToken) =>
                new ServerListResponse(await manager.ListAsync(all ?? false, cancellationToken)))
            .WithName("ListServers")
            .WithSummary("List servers")
            .WithDescription("Running servers, or every server with all=true.");

        servers.MapPost("/", async (CreateServerRequest request, WorkloadManager manager, Groups.GroupService groups, CancellationToken cancellationToken) =>
            {
                // A group to join must exist before anything is created; joining follows the create.
                if (request.Group is { Length: > 0 } group)
                {
                    await groups.RequireCanJoinAsync(group, cancellationToken);
                }

                var created = await manager.CreateAsync(request, cancellationToken);
                if (request.Group is { Length: > 0 } joined)
                {
                    await groups.AddMemberAsync(joined, created.Name, cancellationToken);
                }

                return Results.Created($"/api/v1beta/servers/{Uri.EscapeDataString(created.Name)}", created);
            })
            .WithName("CreateServer")
            .WithSummary("Create a new server")
            .WithDescription("Create and start a new server.")
            .Produces<CreateServerResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        servers.MapGet("/{name}", async (string name, WorkloadManager manager, ReadyWorkloads ready, CancellationToken cancellationToken) =>
            {
                var details = await manager.GetAsync(name, cancellationToken);
                return details with { Ready = details.State == "running" && ready.IsReady(details.Name, details.ProxyPort) };
            })
            .WithName("GetServer")
            .WithSummary("Get server details")
            .WithDescription("Every ContainerInfo field, plus its URLs, arguments, environment variable and secret names (never values), mounts, permission profile, egress list, limits, restarts and times.")
            .Produces<ServerDetails>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        servers.MapPost("/{name}/stop", async (string name, WorkloadManager manager, CancellationToken cancellationToken) =>
            {
                await manager.StopAsync(name, cancellationToken);
                return Results.NoContent();
            })
            .WithName("StopServer")
            .WithSummary("Stop a server")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        servers.MapPost("/{name}/restart", async (string name, WorkloadManager manager, CancellationToken cancellationToken) =>
            {
                await manager.RestartAsync(name, cancellationToken);
                return Results.NoContent();
            })
            .WithName("RestartServer")
            .WithSummary("Restart a server")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        // `force` is accepted for compatibility; delete always removes the container at once.
        servers.MapDelete("/{name}", async (string name, bool? force, WorkloadManager manager, CancellationToken cancellationToken) =>
            {
                await manager.DeleteAsync(name, cancellationToken);
                return Results.NoContent();
            })
            .WithName("DeleteServer")
            .WithSummary("Delete a server")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        servers.MapGet("/{name}/logs", async (string name, int? tail, WorkloadManager manager, CancellationToken cancellationToken) =>
                Results.Text(await manager.GetLogsAsync(name, Math.Clamp(tail ?? 100, 1, 10_000), cancellationToken), "text/plain"))
            .WithName("GetServerLogs")
            .WithSummary("Get a server's recent output")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .ProducesProblem(StatusCodes.Status404NotFound);

        servers.MapGet("/{name}/audit", async (string name, int? tail, WorkloadManager manager, CancellationToken cancellationToken) =>
                Results.Text(await manager.GetAuditAsync(name, Math.Clamp(tail ?? 100, 1, 10_000), cancellationToken), "text/plain"))
            .WithName("GetServerAudit")
            .WithSummary("Get a server's audit log")
            .WithDescription("The last lines of the proxy's audit log: one JSON object per MCP request (who, what, decision, outcome).")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }
}
