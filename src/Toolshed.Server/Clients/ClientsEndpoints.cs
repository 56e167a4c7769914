using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Toolshed.Server.Clients.Api;

namespace Toolshed.Server.Clients;

/// <summary>The clients part of the REST API: discovery, and registering a client so Toolshed manages its config.</summary>
public static class ClientsEndpoints
{
    public static RouteGroupBuilder MapClientsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/discovery/clients", DiscoverAsync)
            .WithTags("clients")
            .WithName("DiscoverClients")
            .WithSummary("List known MCP clients")
            .WithDescription("Every client Toolshed can configure, whether it is installed for the user whose home the query names (home, xdg_config_home, appdata, uid; the daemon's own without them), and whether it is registered for that home.")
            .Produces<ClientListResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        var clients = api.MapGroup("/clients").WithTags("clients");
        clients.MapGet("", ListRegisteredAsync)
            .WithName("ListRegisteredClients")
            .WithSummary("List registered clients")
            .WithDescription("The clients registered for the home the query names (the daemon's own without one).")
            .Produces<ClientListResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        clients.MapPost("/{name}", RegisterAsync)
            .WithName("RegisterClient")
            .WithSummary("Register a client")
            .WithDescription("Adds an entry for every ready workload to the config of the client under the home the query names (the daemon's own without one), and keeps it in step from then on. With ?group=NAME (Toolshed extension) the config gets the one entry of that group's endpoint (toolshed-group-NAME) instead, and Toolshed's earlier entries go.")
            .Produces<ClientChangeResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        clients.MapDelete("/{name}", RemoveAsync)
            .WithName("RemoveClient")
            .WithSummary("Unregister a client")
            .WithDescription("Removes the entries Toolshed wrote from the client's config; other entries are not touched.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static int? PeerUid(HttpContext http) => LoopbackPeer.UidOf(
        http.Connection.RemoteIpAddress, http.Connection.RemotePort, http.Connection.LocalIpAddress, http.Connection.LocalPort);

    private static async Task<Ok<ClientListResponse>> DiscoverAsync([AsParameters] ClientHomeQuery home, HttpContext http, ClientService clients, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ClientListResponse(await clients.ListAsync(home.ToClientHome(PeerUid(http)), cancellationToken)));

    private static async Task<Ok<ClientListResponse>> ListRegisteredAsync([AsParameters] ClientHomeQuery home, HttpContext http, ClientService clients, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ClientListResponse([.. (await clients.ListAsync(home.ToClientHome(PeerUid(http)), cancellationToken)).Where(c => c.Registered)]));

    private static async Task<Ok<ClientChangeResponse>> RegisterAsync(
        string name, [AsParameters] ClientHomeQuery home, string? group, HttpContext http, ClientService clients, CancellationToken cancellationToken) =>
        TypedResults.Ok(await clients.RegisterAsync(name, home.ToClientHome(PeerUid(http)), cancellationToken, string.IsNullOrWhiteSpace(group) ? null : group));

    private static async Task<NoContent> RemoveAsync(string name, [AsParameters] ClientHomeQuery home, HttpContext http, ClientService clients, CancellationToken cancellationToken)
    {
        await clients.RemoveAsync(name, home.ToClientHome(PeerUid(http)), cancellationToken);
        return TypedResults.NoContent();
    }
}
