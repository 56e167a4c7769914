using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Toolshed.Server.Api;

/// <summary>Names the API in the generated OpenAPI document.</summary>
internal sealed class ToolshedOpenApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Toolshed API",
            Version = SystemEndpoints.ProductVersion,
            Description = "Run MCP servers in containers and serve each at a local URL.",
        };
        return Task.CompletedTask;
    }
}
