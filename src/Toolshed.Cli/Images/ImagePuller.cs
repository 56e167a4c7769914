using Toolshed.Cli.Api;
using Toolshed.Server.Images.Api;

namespace Toolshed.Cli.Images;

/// <summary>
/// `shed run`'s first step: asks the daemon to pull the image (or the registry server's image) and shows the progress
/// on stderr — live bars on a terminal, plain lines otherwise — so stdout stays clean for --format json. An image
/// that is present shows nothing; a failed pull ends the verb with the daemon's reason.
/// </summary>
internal static class ImagePuller
{
    public static Task PullAsync(CliContext context, ToolshedApiClient client, string? image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return PullAsync(client, image, ViewFor(context), cancellationToken);
    }

    internal static async Task PullAsync(ToolshedApiClient client, string? image, IPullProgressView view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(view);
        if (string.IsNullOrWhiteSpace(image))
        {
            return; // Create says what is missing.
        }

        var final = await view.ShowAsync(image, client.PullImageAsync(image, cancellationToken), cancellationToken);
        if (final is { Status: ImagePullEvent.ErrorStatus })
        {
            throw new CliException(final.Error ?? $"The daemon could not pull {image}; see its log.");
        }
    }

    /// <summary>Live bars only when stderr is a terminal that can redraw (see <see cref="Terminal.ICliConsole.LiveError"/>);
    /// anything else (a file, a pipe, a test's writer) gets plain lines.</summary>
    internal static IPullProgressView ViewFor(CliContext context) =>
        context.Console.LiveError is { } live ? new LivePullProgressView(live) : new PlainPullProgressView(context.Error);
}
