using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Toolshed.Server.Api;

/// <summary>
/// Says in the OpenAPI document what a <see cref="JsonElement"/> field takes: the API uses one only for the create
/// body's authz_config and permission_profile, which are a string (a name, a path or a text) or a JSON object. Left
/// alone, the shared JsonElement schema would be <c>{}</c>: "anything".
/// </summary>
internal sealed class StringOrObjectSchemaTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Components?.Schemas?.TryGetValue(nameof(JsonElement), out var element) == true && element is OpenApiSchema schema)
        {
            schema.Type = JsonSchemaType.String | JsonSchemaType.Object;
            schema.Description = "A string (a name, an absolute path on the daemon's host, or a text) or a JSON object.";
        }

        return Task.CompletedTask;
    }
}
