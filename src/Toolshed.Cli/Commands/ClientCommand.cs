using System.CommandLine;
using System.Text.Json;
using Toolshed.Cli.Api;
using Toolshed.Cli.Output;
using Toolshed.Clients;
using Toolshed.Server.Clients.Api;

namespace Toolshed.Cli.Commands;

/// <summary>
/// `shed client list|register|remove|setup`: which MCP clients are installed, and which ones Toolshed keeps pointed at
/// the running workloads (their config files get a <c>toolshed-NAME</c> entry per workload).
/// </summary>
internal static class ClientCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("client", "Configure MCP clients (Claude Code, VS Code, Cursor …) to use your workloads");
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Register(context));
        command.Subcommands.Add(Remove(context));
        command.Subcommands.Add(ClientSetupCommand.Create(context));
        return command;
    }

    private static Argument<string> NameArgument() => new("name") { Description = "The client's name, as `shed client list` shows it" };

    private static Command List(CliContext context)
    {
        var format = OutputFormatOption.Create();
        var command = new Command("list", "List known clients: installed here? registered?") { format };
        command.Aliases.Add("ls");
        command.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(context, async client =>
        {
            var clients = await client.DiscoverClientsAsync(HomeOf(context), cancellationToken);
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(new ClientListResponse(clients), ClientsCliJsonContext.Default.ClientListResponse));
                return ShedApp.ExitOk;
            }

            await WriteTableAsync(context, clients);
            return ShedApp.ExitOk;
        }, cancellationToken));
        return command;
    }

    private static Command Register(CliContext context)
    {
        var name = NameArgument();
        var group = GroupOption();
        var command = new Command("register", "Add every ready workload to this client's config (under your HOME), and keep it in step") { name, group };
        command.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(
            context, client => RegisterAsync(context, client, parse.GetValue(name)!, cancellationToken, parse.GetValue(group)), cancellationToken));
        return command;
    }

    private static Command Remove(CliContext context)
    {
        var name = NameArgument();
        var command = new Command("remove", "Stop managing this client; removes only the entries Toolshed wrote") { name };
        command.Aliases.Add("rm");
        command.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(context, async client =>
        {
            var clientName = parse.GetValue(name)!;
            await client.RemoveClientAsync(clientName, HomeOf(context), cancellationToken);
            await context.Out.WriteLineAsync($"Removed '{clientName}'; its other MCP servers were left as they were.");
            return ShedApp.ExitOk;
        }, cancellationToken));
        return command;
    }

    /// <summary>`--group G`: the client gets the group's one endpoint instead of an entry per workload.</summary>
    internal static Option<string> GroupOption() => new("--group")
    {
        Description = "Give the client this group's one endpoint instead of an entry for every workload",
    };

    internal static async Task<int> RegisterAsync(
        CliContext context, ToolshedApiClient client, string name, CancellationToken cancellationToken, string? group = null)
    {
        var result = await client.RegisterClientAsync(name, HomeOf(context), cancellationToken, group);
        foreach (var warning in result.Warnings)
        {
            await context.Error.WriteLineAsync($"shed: warning: {warning}");
        }

        var how = result.Client.Transport == "stdio" ? "through `shed proxy stdio NAME`" : "at their local URLs";
        await context.Out.WriteLineAsync(group is null
            ? $"Registered {result.Client.DisplayName}: ready workloads appear in {result.Client.ConfigPath} {how}. Restart the client to pick them up."
            : $"Registered {result.Client.DisplayName} with group '{group}': {result.Client.ConfigPath} has its one entry (toolshed-group-{group}), serving every member's tools. Restart the client to pick it up.");
        return result.Warnings.Count == 0 ? ShedApp.ExitOk : ShedApp.ExitFailure;
    }

    /// <summary>The home of the user running shed (or TOOLSHED_CLIENT_HOME): the daemon edits the configs under it.</summary>
    internal static ClientHome HomeOf(CliContext context) => ClientHome.FromEnvironment(context.GetVariable);

    internal static async Task WriteTableAsync(CliContext context, IReadOnlyList<ClientStatus> clients)
    {
        var table = new TableWriter("NAME", "CLIENT", "INSTALLED", "REGISTERED", "CONFIG");
        foreach (var status in clients)
        {
            table.AddRow(status.Name, status.DisplayName, status.Installed ? "yes" : "no", status.Registered ? "yes" : "no", status.ConfigPath);
        }

        await table.WriteAsync(context.Out);
    }
}
