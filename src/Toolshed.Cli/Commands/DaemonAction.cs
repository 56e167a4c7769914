using Toolshed.Cli.Api;
using Toolshed.Cli.Daemon;
using Toolshed.Core.Configuration;

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
            using var client = CreateClient(context);
            await DaemonConnector.EnsureRunningAsync(context, client, cancellationToken);
            return await action(client);
        }
        catch (CliException ex)
        {
            await context.Error.WriteLineAsync($"shed: {ex.Message}");
            return ex.ExitCode;
        }
    }

    /// <summary>A client for this state root's daemon (or the one TOOLSHED_API_URL names), carrying its credential.</summary>
    public static ToolshedApiClient CreateClient(CliContext context)
    {
        var paths = context.Paths ?? ToolshedPaths.FromEnvironment();
        var url = ApiEndpoint.Resolve(context.ApiUrl, paths, Environment.GetEnvironmentVariable);
        return new ToolshedApiClient(url, handler: null, ApiCredential.For(url, paths));
    }
}
