using Toolshed.Server.Groups.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Scalar.AspNetCore;
using Toolshed.Server.Api.Auth;
using Toolshed.Server.Api.Guards;
using Toolshed.Server.Clients;
using Toolshed.Server.Images;
using Toolshed.Server.Registry;
using Toolshed.Server.Secrets;
using Toolshed.Server.Telemetry.Api;
using Toolshed.Server.Ui;
using Toolshed.Server.Workloads.Api;

namespace Toolshed.Server.Api;

/// <summary>Maps every REST endpoint of the daemon.</summary>
public static class ApiEndpointRouteBuilderExtensions
{
    public const string BasePath = "/api/v1beta";

    public static WebApplication MapToolshedApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestLoggingMiddleware>();
        app.UseMiddleware<BrowserGuardMiddleware>();
        app.UseMiddleware<Ui.UiSessionMiddleware>();
        if (app.Services.GetService<ApiAuthentication>() is not null)
        {
            app.UseMiddleware<ApiBearerAuthMiddleware>();
        }
        else
        {
            app.UseMiddleware<ApiTokenAuthMiddleware>();
        }

        app.MapOpenApi("/api/openapi.json");
        app.MapScalarApiReference("/api/doc", scalar => scalar
            .WithTitle("Toolshed API")
            .WithOpenApiRoutePattern("/api/openapi.json"));

        app.MapSystemEndpoints();
        var api = app.MapGroup(BasePath);
        api.MapVersionEndpoint();
        api.MapRegistryApi();
        api.MapServersApi();
        api.MapServerAuthApi();
        api.MapServerToolsApi();
        api.MapGroupsApi();
        api.MapImagesApi();
        api.MapSecretsApi();
        api.MapClientsApi();
        api.MapEventsApi();
        api.MapStatsApi();
        app.MapToolshedUi();
        return app;
    }
}
