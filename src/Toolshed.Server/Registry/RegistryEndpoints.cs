using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Toolshed.Server.Api;
using Toolshed.Server.Registry.Api;

namespace Toolshed.Server.Registry;

/// <summary>The registry part of the REST API: list, inspect, add and remove registries and read their servers.
/// Failures are thrown as domain exceptions and become problem details in the one exception handler.</summary>
public static class RegistryEndpoints
{
    public static RouteGroupBuilder MapRegistryApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var registry = api.MapGroup("/registry").WithTags("registry");

        registry.MapGet("", ListRegistries)
            .WithName("ListRegistries")
            .WithSummary("List registries")
            .WithDescription("The built-in registry and every registry added, with their version and server count.")
            .Produces<RegistryListResponse>(StatusCodes.Status200OK);

        registry.MapPost("", AddRegistryAsync)
            .WithName("AddRegistry")
            .WithSummary("Add a registry")
            .WithDescription("Adds a registry from a JSON file on the daemon's host (\"path\") or an http(s) URL (\"url\"); it is remembered across restarts.")
            .Accepts<AddRegistryRequest>("application/json")
            .Produces<RegistrySummary>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);

        // "-" is no registry's name (names start with a letter or digit), so the search lives beside them.
        registry.MapGet("/-/search", Search)
            .WithName("SearchRegistries")
            .WithSummary("Search every registry")
            .WithDescription("Toolshed extension: servers of every available registry whose name, description, tags or tools match every word of q, best matches first (an exact name, then a name that starts with it, then one that contains it, then the rest)")
            .Produces<RegistrySearchResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        registry.MapGet("/{name}", GetRegistry)
            .WithName("GetRegistry")
            .WithSummary("Get a registry")
            .WithDescription("Get details of a specific registry")
            .Produces<RegistryInfoResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound);

        registry.MapDelete("/{name}", RemoveRegistryAsync)
            .WithName("RemoveRegistry")
            .WithSummary("Remove a registry")
            .WithDescription("Forgets an added registry. The built-in registry cannot be removed.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        registry.MapGet("/{name}/servers", ListServers)
            .WithName("ListRegistryServers")
            .WithSummary("List servers in a registry")
            .WithDescription("Get a list of servers in a specific registry")
            .Produces<RegistryServersResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound);

        registry.MapGet("/{name}/servers/{serverName}", GetServer)
            .WithName("GetRegistryServer")
            .WithSummary("Get a server from a registry")
            .WithDescription("Get details of a specific server in a registry")
            .Produces<RegistryServerResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }

    private static Ok<RegistryListResponse> ListRegistries(RegistryService registries) =>
        TypedResults.Ok(new RegistryListResponse(registries.List().Select(RegistrySummary.From).ToList()));

    private static Ok<RegistrySearchResponse> Search(string? q, int? limit, RegistryService registries)
    {
        if (string.IsNullOrWhiteSpace(q) || q.Length > 200)
        {
            throw new Core.Errors.InvalidInputException("q must be 1-200 characters: the words to look for.", "q");
        }

        if (limit is < 1 or > 500)
        {
            throw new Core.Errors.InvalidInputException("limit must be between 1 and 500.", "limit");
        }

        return TypedResults.Ok(new RegistrySearchResponse(
            [.. registries.Search(q).Take(limit ?? 50).Select(hit => new RegistrySearchHit(hit.RegistryName, hit.Server))],
            [.. registries.List().Where(r => r.LoadError is not null).Select(r => new RegistrySearchSkip(r.Name, r.LoadError!))]));
    }

    private static Ok<RegistryInfoResponse> GetRegistry(string name, RegistryService registries) =>
        TypedResults.Ok(RegistryInfoResponse.From(registries.Get(name)));

    private static Ok<RegistryServersResponse> ListServers(string name, RegistryService registries) =>
        TypedResults.Ok(new RegistryServersResponse(registries.Get(name).Document.Servers.Values
            .OrderBy(server => server.Name, StringComparer.OrdinalIgnoreCase)
            .ToList()));

    private static Ok<RegistryServerResponse> GetServer(string name, string serverName, RegistryService registries) =>
        TypedResults.Ok(new RegistryServerResponse(registries.GetServer(name, serverName)));

    private static async Task<Created<RegistrySummary>> AddRegistryAsync(
        AddRegistryRequest request, RegistryService registries, CancellationToken cancellationToken)
    {
        var added = await registries.AddAsync(
            new RegistrySource { Name = request.Name ?? "", Path = request.Path, Url = request.Url },
            cancellationToken);
        return TypedResults.Created(
            $"{ApiEndpointRouteBuilderExtensions.BasePath}/registry/{Uri.EscapeDataString(added.Name)}",
            RegistrySummary.From(added));
    }

    private static async Task<NoContent> RemoveRegistryAsync(string name, RegistryService registries, CancellationToken cancellationToken)
    {
        await registries.RemoveAsync(name, cancellationToken);
        return TypedResults.NoContent();
    }
}
