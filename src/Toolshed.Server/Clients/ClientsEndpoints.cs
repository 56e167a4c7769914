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
            .WithDescription("Every client Toolshed can configure, whether it is installed for this user, and whether it is registered.")
            .Produces<ClientListResponse>(StatusCodes.Status200OK);

        var clients = api.MapGroup("/clients").WithTags("clients");
        clients.MapGet("", ListRegisteredAsync)
            .WithName("ListRegisteredClients")
            .WithSummary("List registered clients")
            .Produces<ClientListResponse>(StatusCodes.Status200OK);

        clients.MapPost("/{name}", RegisterAsync)
            .WithName("RegisterClient")
            .WithSummary("Register a client")
            .WithDescription("Adds an entry for every running workload to the client's config, and keeps it in step from then on.")
            .Produces<ClientChangeResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound);

        clients.MapDelete("/{name}", RemoveAsync)
            .WithName("RemoveClient")
            .WithSummary("Unregister a client")
            .WithDescription("Removes the entries Toolshed wrote from the client's config; other entries are not touched.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Ok<ClientListResponse>> DiscoverAsync(ClientService clients, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ClientListResponse(await clients.ListAsync(cancellationToken)));

    private static async Task<Ok<ClientListResponse>> ListRegisteredAsync(ClientService clients, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ClientListResponse([.. (await clients.ListAsync(cancellationToken)).Where(c => c.Registered)]));

    private static async Task<Ok<ClientChangeResponse>> RegisterAsync(string name, ClientService clients, CancellationToken cancellationToken) =>
        TypedResults.Ok(await clients.RegisterAsync(name, cancellationToken));

    private static async Task<NoContent> RemoveAsync(string name, ClientService clients, CancellationToken cancellationToken)
    {
        await clients.RemoveAsync(name, cancellationToken);
        return TypedResults.NoContent();
    }
}
