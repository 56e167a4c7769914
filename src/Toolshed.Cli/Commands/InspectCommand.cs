using System.CommandLine;
using Toolshed.Cli.Output;

namespace Toolshed.Cli.Commands;

/// <summary>`shed inspect NAME [--format text|json]`: one workload whole — URLs, how it runs, what it may reach, how it fared.</summary>
internal static class InspectCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "Name of the server" };
        var format = OutputFormatOption.Create();
        var command = new Command("inspect", "Show everything about one MCP server: URLs, image, arguments, env and secret names, mounts, profile, egress, restarts") { name, format };
        command.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(context, async client =>
        {
            var details = await client.GetServerAsync(parse.GetValue(name)!, cancellationToken);
            await context.Out.WriteAsync(parse.GetValue(format) == OutputFormat.Json
                ? JsonOutput.Serialize(details) + Environment.NewLine
                : ServerDetailsText.Render(details));
            return ShedApp.ExitOk;
        }, cancellationToken));
        return command;
    }
}
