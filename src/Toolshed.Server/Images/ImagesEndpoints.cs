using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Toolshed.Server.Images.Api;

namespace Toolshed.Server.Images;

/// <summary>The images part of the REST API: pulling an image with its progress streamed to the caller.</summary>
public static class ImagesEndpoints
{
    public static RouteGroupBuilder MapImagesApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var images = api.MapGroup("/images").WithTags("images");

        images.MapPost("/pull", (PullImageRequest request, HttpContext http, ImagePullStreamer streamer, CancellationToken cancellationToken) =>
                streamer.StreamAsync(request, http, cancellationToken))
            .WithName("PullImage")
            .WithSummary("Pull an image, streaming its progress")
            .WithDescription(
                "Resolves a registry server's name to its image as create does, then pulls the image unless it is present. " +
                "Answers application/x-ndjson, one JSON object per line: {\"layer\",\"status\",\"current\",\"total\"} per engine " +
                "report, then {\"status\":\"done\",\"image\",\"pulled\"} (pulled is false when the image was already present) or " +
                "{\"status\":\"error\",\"image\",\"error\"}. Failures known before the first line (a bad reference, an image the " +
                "registry does not have, an unreachable engine) are problem answers instead. Closing the connection cancels the pull.")
            .Accepts<PullImageRequest>("application/json")
            .Produces<ImagePullEvent>(StatusCodes.Status200OK, ImagePullStreamer.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return api;
    }
}
