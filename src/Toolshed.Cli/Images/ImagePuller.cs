using Toolshed.Cli.Api;
using Toolshed.Server.Images.Api;

namespace Toolshed.Cli.Images;

/// <summary>
/// `shed run`'s first step: asks the daemon to pull the image (or the registry server's image, or to build a package) and shows the progress
/// on stderr — live bars on a terminal, plain lines otherwise — so stdout stays clean for --format json. An image
/// that is present shows nothing; a failed pull ends the verb with the daemon's reason.
/// </summary>
internal static class ImagePuller
{
    public static Task<string?> PullAsync(CliContext context, ToolshedApiClient client, string? image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return PullAsync(client, new PullImageRequest { Image = image }, ViewFor(context), cancellationToken);
    }

    /// <summary>Pulls (or, for a package, builds) <paramref name="request"/>'s image; returns what the daemon made of
    /// it on its last line (a package's pinned reference), or null when it said nothing.</summary>
    public static Task<string?> PullAsync(CliContext context, ToolshedApiClient client, PullImageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return PullAsync(client, request, ViewFor(context), cancellationToken);
    }

    internal static async Task<string?> PullAsync(ToolshedApiClient client, PullImageRequest request, IPullProgressView view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(view);
        if (string.IsNullOrWhiteSpace(request.Image))
        {
            return null; // Create says what is missing.
        }

        var final = await view.ShowAsync(request.Image, client.PullImageAsync(request, cancellationToken), cancellationToken);
        if (final is { Status: ImagePullEvent.ErrorStatus })
        {
            throw new CliException(final.Error ?? $"The daemon could not pull {request.Image}; see its log.");
        }

        return final?.Image;
    }

    /// <summary>Live bars only when stderr is a terminal that can redraw (see <see cref="Terminal.ICliConsole.LiveError"/>);
    /// anything else (a file, a pipe, a test's writer) gets plain lines.</summary>
    internal static IPullProgressView ViewFor(CliContext context) =>
        context.Console.LiveError is { } live ? new LivePullProgressView(live) : new PlainPullProgressView(context.Error);
}
