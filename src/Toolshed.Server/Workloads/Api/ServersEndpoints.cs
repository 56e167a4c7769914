using Microsoft.AspNetCore.Routing;

namespace Toolshed.Server.Workloads.Api;

/// <summary>The servers part of the REST API.</summary>
public static class ServersEndpoints
{
    public static RouteGroupBuilder MapServersApi(this RouteGroupBuilder api) => api;
}
