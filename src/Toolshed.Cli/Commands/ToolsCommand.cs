using System.CommandLine;
using Toolshed.Cli.Output;
using Toolshed.Server.Workloads.Api;

namespace Toolshed.Cli.Commands;

/// <summary>`shed tools show|set NAME`: which of a workload's tools its clients see, changed while it runs.</summary>
internal static class ToolsCommand
{
    public static Command Create(CliContext context) => new("tools", "See or change which tools a workload's clients see, and under what names")
    {
        Show(context),
        Set(context),
    };

    private static Command Show(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The workload" };
        var command = new Command("show", "Show a workload's tool filter and overrides") { name };
        command.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(
            context,
            async client =>
            {
                await WriteAsync(context, await client.GetToolsAsync(parse.GetValue(name)!, cancellationToken));
                return ShedApp.ExitOk;
            },
            cancellationToken));
        return command;
    }

    private static Command Set(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The workload" };
        var options = new ToolsOptions();
        var command = new Command(
            "set",
            "Replace a workload's tool filter and overrides while it runs (no option: every tool, as the server names it); connected clients are told the list changed")
        {
            name,
        };
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(
            context,
            async client =>
            {
                var tools = await options.ReadAsync(parse, cancellationToken);
                var applied = await client.SetToolsAsync(parse.GetValue(name)!, tools, cancellationToken);
                await WriteAsync(context, applied);
                return ShedApp.ExitOk;
            },
            cancellationToken));
        return command;
    }

    private static async Task WriteAsync(CliContext context, ToolsConfig tools)
    {
        await context.Out.WriteLineAsync(tools.Tools is { } shown ? $"Tools shown: {string.Join(", ", shown)}" : "Tools shown: all");
        foreach (var (original, change) in tools.ToolsOverride ?? new Dictionary<string, ToolOverrideOptions>())
        {
            var renamed = change.Name is { } newName ? $" as {newName}" : "";
            var described = change.Description is { } description ? $" — \"{TableWriter.Truncate(description, 60)}\"" : "";
            await context.Out.WriteLineAsync($"  {original}{renamed}{described}");
        }
    }
}
