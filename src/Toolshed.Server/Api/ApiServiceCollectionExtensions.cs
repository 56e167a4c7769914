using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Toolshed.Server.Api.Errors;

namespace Toolshed.Server.Api;

/// <summary>Registers what the REST API needs: JSON contexts, problem details, the exception handler, OpenAPI.</summary>
public static class ApiServiceCollectionExtensions
{
    public static IServiceCollection AddToolshedApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));
        services.AddProblemDetails();
        // Malformed bodies reach the exception handler, which says where the JSON broke.
        services.Configure<RouteHandlerOptions>(routing => routing.ThrowOnBadRequest = true);
        services.AddExceptionHandler<ToolshedExceptionHandler>();
        services.AddOpenApi(openApi => openApi.AddDocumentTransformer<ToolshedOpenApiDocumentTransformer>());
        return services;
    }
}
