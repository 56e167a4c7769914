using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Toolshed.Server.Api.Errors;

namespace Toolshed.Server.Api;

/// <summary>Registers what the REST API needs: JSON contexts, problem details, the exception handler, OpenAPI.</summary>
public static class ApiServiceCollectionExtensions
{
    /// <summary>How deeply a request body may nest (the deepest real one, an inline authz_config, nests 4 levels).</summary>
    public const int MaxJsonDepth = 64;

    public static IServiceCollection AddToolshedApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
            // The web defaults read "8080" as a number; the API takes each field in its own JSON type only.
            json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            json.SerializerOptions.MaxDepth = MaxJsonDepth;
        });
        services.AddProblemDetails();
        // Malformed bodies reach the exception handler, which says where the JSON broke.
        services.Configure<RouteHandlerOptions>(routing => routing.ThrowOnBadRequest = true);
        services.AddExceptionHandler<ToolshedExceptionHandler>();
        services.AddOpenApi(openApi =>
        {
            openApi.AddDocumentTransformer<ToolshedOpenApiDocumentTransformer>();
            openApi.AddDocumentTransformer<StringOrObjectSchemaTransformer>();
        });
        return services;
    }
}
