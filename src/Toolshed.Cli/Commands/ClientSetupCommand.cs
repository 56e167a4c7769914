using System.CommandLine;
using Toolshed.Server.Clients.Api;

namespace Toolshed.Cli.Commands;

/// <summary>
/// `shed client setup`: lists the installed clients and registers the ones picked. Without a terminal on stdin it
/// prints the list and the non-interactive commands instead of waiting for an answer.
/// </summary>
internal static class ClientSetupCommand
{
    public static Command Create(CliContext context)
    {
        var group = ClientCommand.GroupOption();
        var command = new Command("setup", "Pick which installed MCP clients Toolshed should configure") { group };
        command.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(context, async client =>
        {
            var installed = (await client.DiscoverClientsAsync(ClientCommand.HomeOf(context), cancellationToken)).Where(c => c.Installed).ToList();
            if (installed.Count == 0)
            {
                await context.Out.WriteLineAsync("No MCP clients found for this user. See all known clients with `shed client list`.");
                return ShedApp.ExitOk;
            }

            if (!context.Console.IsInputInteractive)
            {
                await ClientCommand.WriteTableAsync(context, installed);
                await context.Out.WriteLineAsync();
                await context.Out.WriteLineAsync("stdin is not a terminal, so nothing was registered. Register clients with:");
                foreach (var status in installed.Where(c => !c.Registered))
                {
                    await context.Out.WriteLineAsync($"  shed client register {status.Name}{(parse.GetValue(group) is { } g ? $" --group {g}" : "")}");
                }

                return ShedApp.ExitOk;
            }

            var picks = await AskAsync(context, installed, cancellationToken);
            var exitCode = ShedApp.ExitOk;
            foreach (var pick in picks)
            {
                exitCode = Math.Max(exitCode, await ClientCommand.RegisterAsync(context, client, pick.Name, cancellationToken, parse.GetValue(group)));
            }

            if (picks.Count == 0)
            {
                await context.Out.WriteLineAsync("Nothing registered.");
            }

            return exitCode;
        }, cancellationToken));
        return command;
    }

    private static async Task<IReadOnlyList<ClientStatus>> AskAsync(CliContext context, List<ClientStatus> installed, CancellationToken cancellationToken)
    {
        await context.Out.WriteLineAsync("MCP clients installed for this user:");
        for (var i = 0; i < installed.Count; i++)
        {
            var mark = installed[i].Registered ? " (registered)" : "";
            await context.Out.WriteLineAsync($"  {i + 1}. {installed[i].DisplayName}{mark}");
        }

        while (true)
        {
            await context.Out.WriteAsync("Register which? Numbers separated by spaces, 'all', or Enter for none: ");
            var answer = (await context.Console.ReadLineAsync(cancellationToken))?.Trim() ?? "";
            if (answer.Length == 0)
            {
                return [];
            }

            if (answer.Equals("all", StringComparison.OrdinalIgnoreCase))
            {
                return installed;
            }

            var numbers = answer.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries)
                .Select(part => int.TryParse(part, out var n) && n >= 1 && n <= installed.Count ? n : 0)
                .ToList();
            if (numbers.All(n => n > 0))
            {
                return [.. numbers.Distinct().Select(n => installed[n - 1])];
            }

            await context.Out.WriteLineAsync($"Please answer with numbers from 1 to {installed.Count}.");
        }
    }
}
