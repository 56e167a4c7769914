using Toolshed.Cli.Api;
using Toolshed.Server.Workloads.Api;

namespace Toolshed.Cli.Commands;

/// <summary>
/// Signs a remote workload in through the user's browser: the daemon discovers the authorization server and listens on
/// a loopback redirect; shed opens (or prints) the authorization URL and waits until the daemon holds a token.
/// </summary>
internal static class RemoteSignIn
{
    private const int PollSeconds = 20;

    public static async Task<SignInInfo> RunAsync(CliContext context, ToolshedApiClient client, string name, bool openBrowser, CancellationToken cancellationToken)
    {
        var started = await client.BeginSignInAsync(name, cancellationToken);
        var url = new Uri(started.AuthorizationUrl);
        var opened = openBrowser && BrowserLauncher.TryOpen(url, context.GetVariable);
        await context.Error.WriteLineAsync(opened
            ? $"Opened your browser to sign in to the remote of '{name}'. If it did not open, visit:"
            : $"To sign in to the remote of '{name}', open this URL in a browser on this machine:");
        await context.Error.WriteLineAsync($"  {url.AbsoluteUri}");
        await context.Error.WriteLineAsync($"Waiting for the browser to come back to {started.RedirectUri} (until {started.ExpiresAt.ToLocalTime():HH:mm:ss})…");
        while (true)
        {
            var status = await client.GetSignInAsync(name, PollSeconds, cancellationToken);
            if (status.Pending)
            {
                if (context.TimeProvider.GetUtcNow() > started.ExpiresAt)
                {
                    throw new CliException($"The sign-in of '{name}' was not completed in time. Start it again with `shed auth login {name}`.");
                }

                continue;
            }

            return status.State == "signed_in"
                ? status
                : throw new CliException($"The sign-in of '{name}' did not complete: {status.Reason ?? "the browser never came back"}. Try again with `shed auth login {name}`.");
        }
    }
}
