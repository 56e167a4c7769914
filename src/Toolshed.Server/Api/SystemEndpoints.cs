using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Toolshed.Server.Api;

/// <summary>Health and version: what a client checks before anything else.</summary>
public static class SystemEndpoints
{
    public static IEndpointRouteBuilder MapSystemEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", () => Results.NoContent())
            .WithName("Health")
            .WithSummary("Liveness check")
            .Produces(StatusCodes.Status204NoContent);
        return app;
    }

    public static RouteGroupBuilder MapVersionEndpoint(this RouteGroupBuilder api)
    {
        api.MapGet("/version", () => new VersionResponse(ProductVersion))
            .WithName("GetVersion")
            .WithTags("version")
            .WithSummary("Get the daemon's version");
        return api;
    }

    /// <summary>The product version, without build metadata.</summary>
    public static string ProductVersion { get; } = ReadVersion();

    private static string ReadVersion()
    {
        var informational = typeof(SystemEndpoints).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
