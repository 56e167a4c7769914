using Spectre.Console;
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

    /// <summary>Live bars only when stderr is this process's own terminal; anything else (a file, a pipe, a test's
    /// writer) gets plain lines.</summary>
    internal static IPullProgressView ViewFor(CliContext context)
    {
        var interactive = ReferenceEquals(context.Error, Console.Error) && !Console.IsErrorRedirected
            && Environment.GetEnvironmentVariable("TERM") is not "dumb";
        if (!interactive)
        {
            return new PlainPullProgressView(context.Error);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Error),
            Interactive = InteractionSupport.Yes,
        });
        return new LivePullProgressView(console);
    }
}
