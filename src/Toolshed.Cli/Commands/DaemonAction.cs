using Toolshed.Cli.Api;
using Toolshed.Cli.Daemon;

namespace Toolshed.Cli.Commands;

/// <summary>
/// Runs a verb that talks to the daemon: resolves its URL, starts it when needed, and turns a <see cref="CliException"/>
/// into its one-line message on stderr and its exit code.
/// </summary>
internal static class DaemonAction
{
    public static async Task<int> RunAsync(CliContext context, Func<ToolshedApiClient, Task<int>> action, CancellationToken cancellationToken)
    {
        try
        {
            using var client = DaemonApi.CreateClient(context);
            await DaemonConnector.EnsureRunningAsync(context, client, cancellationToken);
            return await action(client);
        }
        catch (CliException ex)
        {
            await context.Error.WriteLineAsync($"shed: {ex.Message}");
            return ex.ExitCode;
        }
    }

}
