using System.CommandLine;
using Toolshed.Cli.Api;

namespace Toolshed.Cli.Commands;

/// <summary>
/// `shed ui`: signs a browser in to the daemon's dashboard with a one-time link (the API token stays with shed; the
/// link's code works once, for two minutes, and travels in the URL's fragment, which no server log sees).
/// </summary>
internal static class UiCommand
{
    public static Command Create(CliContext context)
    {
        var noOpen = new Option<bool>("--no-open") { Description = "Print the link only; do not open a browser" };
        var command = new Command("ui", "Open the dashboard in a browser (prints a one-time login link)") { noOpen };
        command.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(context, async client =>
        {
            var link = await client.CreateUiLoginLinkAsync(cancellationToken);
            var url = new Uri(link.Url);
            var opened = !parse.GetValue(noOpen) && BrowserLauncher.TryOpen(url, context.GetVariable);
            await context.Out.WriteLineAsync(opened
                ? "Opened the dashboard in your browser. If it did not open, visit this link (it works once):"
                : "Open this link in a browser on this machine to sign in to the dashboard (it works once):");
            await context.Out.WriteLineAsync($"  {url.AbsoluteUri}");
            await context.Out.WriteLineAsync($"It expires at {link.ExpiresAt.ToLocalTime():HH:mm:ss}; `shed ui` makes a new one. Sign out in the page when done.");
            return ShedApp.ExitOk;
        }, cancellationToken));
        return command;
    }
}
