using Toolshed.Core.Errors;
using Toolshed.Server.Workloads;
using Toolshed.Server.Workloads.Validation;

namespace Toolshed.Server.Images;

/// <summary>
/// Turns the image of a pull request into the reference the engine pulls, the way create does: a registry server's
/// name ("fetch", "default/fetch") becomes its image (or package), anything else must be an image or package reference.
/// </summary>
internal static class PullImageResolver
{
    public static string Resolve(IServerCatalog catalog, string? requested)
    {
        if (string.IsNullOrWhiteSpace(requested))
        {
            throw new InvalidInputException(
                "image is required: send {\"image\": \"<image reference or registry server name>\"}, e.g. {\"image\": \"ghcr.io/org/server:tag\"}.",
                "image");
        }

        var image = requested.Trim();
        if (catalog.TryResolveServer(image, out var registryName, out var server))
        {
            if (server.Unsupported is { } reason)
            {
                throw new InvalidInputException($"The registry server {registryName}/{server.Name} cannot be run: {reason}.", "image");
            }

            if (server.IsRemote)
            {
                throw new InvalidInputException(
                    $"The registry server {registryName}/{server.Name} is a remote server at {server.Url}: there is no image to pull. Run it with `shed run {server.Name}`.",
                    "image");
            }

            if (string.IsNullOrWhiteSpace(server.Image))
            {
                throw new InvalidInputException(
                    $"The registry server {registryName}/{server.Name} has no container image to pull.", "image");
            }

            image = server.Image;
        }
        else if (image.Split('/') is [var first, var rest] && !first.Contains('.', StringComparison.Ordinal)
                 && !first.Contains(':', StringComparison.Ordinal) && catalog.RegistryExists(first))
        {
            throw new InvalidInputException(
                $"The registry '{first}' has no server named '{rest}'. List its servers with GET /api/v1beta/registry/{first}/servers.",
                "image");
        }

        if (Core.Packages.PackageReference.IsPackage(image))
        {
            return image;
        }

        if (ImageReference.Problem(image) is { } problem)
        {
            throw new InvalidInputException(
                $"image '{image}' is not an image reference or a registry server: {problem}.",
                "image",
                "An image reference looks like [registry[:port]/]name[:tag][@sha256:digest], e.g. ghcr.io/org/server:1.2.");
        }

        return image;
    }
}
