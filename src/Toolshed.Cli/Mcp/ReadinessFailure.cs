using System.Text;
using Toolshed.Cli.Api;

namespace Toolshed.Cli.Mcp;

/// <summary>The error `shed run` / `shed restart` give when a workload did not become ready: the reason, the last
/// lines of the server's stderr, and what to do (the workload is left as the user asked).</summary>
internal static class ReadinessFailure
{
    private const int StderrLines = 15;

    public static async Task<CliException> DescribeAsync(ToolshedApiClient client, string name, ReadinessResult result, CancellationToken cancellationToken, bool remote = false)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(result);
        var message = new StringBuilder($"'{name}' is not usable: {result.Detail}.");
        string logs;
        try
        {
            logs = await client.GetLogsAsync(name, StderrLines, cancellationToken);
        }
        catch (CliException ex)
        {
            logs = $"(its output could not be read: {ex.Message})";
        }

        var lines = logs.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        message.Append((lines.Length, remote) switch
        {
            (0, true) => "\nIts connection log is empty.",
            (0, false) => "\nIt wrote nothing to stderr.",
            (_, true) => "\nLast lines of its connection log:",
            _ => "\nLast lines of its stderr:",
        });
        foreach (var line in lines)
        {
            message.Append("\n  | ").Append(line.TrimEnd('\r'));
        }

        message.Append(remote
            ? $"\nThe workload is kept as you asked (the daemon reconnects it). See `shed logs {name}`; fix the cause and `shed restart {name}` (or `shed auth login {name}` when it needs sign-in), or remove it with `shed rm {name}`."
            : $"\nThe workload is kept as you asked (the daemon restarts it with back-off). See `shed logs {name}`; fix the cause and `shed restart {name}`, or remove it with `shed rm {name}`.");
        return new CliException(message.ToString());
    }
}
