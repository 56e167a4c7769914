using System.CommandLine;

namespace Toolshed.Cli.Commands;

/// <summary>
/// `shed proxy stdio NAME`: a stdio MCP server for clients that can only launch processes. Each line on stdin goes to
/// the workload's /mcp, every answer and server-initiated message comes back on stdout; diagnostics go to stderr.
/// </summary>
internal static class ProxyStdioCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "Name of the server" };
        var stdio = new Command("stdio", "Relay stdin/stdout to a workload's Streamable HTTP endpoint") { name };
        stdio.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(context, async client =>
        {
            var server = await client.GetServerAsync(parse.GetValue(name)!, cancellationToken);
            var url = server.Url;
            if (url.Length == 0 || server.State != "running")
            {
                throw new CliException($"'{server.Name}' is not running ({server.State}); start it with `shed restart {server.Name}`.");
            }

            using var relay = new ProxyStdioRelay(new Uri(url), context.Console.In, context.Out, context.Error);
            return await relay.RunAsync(cancellationToken);
        }, cancellationToken));

        return new Command("proxy", "Reach a workload over another transport") { stdio };
    }
}
