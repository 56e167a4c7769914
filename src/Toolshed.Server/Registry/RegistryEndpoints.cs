using Microsoft.AspNetCore.Routing;

namespace Toolshed.Server.Registry;

/// <summary>The registry part of the REST API (placeholder until the registry service lands).</summary>
public static class RegistryEndpoints
{
    public static RouteGroupBuilder MapRegistryApi(this RouteGroupBuilder api) => api;
}
