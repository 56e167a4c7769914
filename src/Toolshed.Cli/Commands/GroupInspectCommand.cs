using System.CommandLine;
using Toolshed.Cli.Api;
using Toolshed.Cli.Output;

namespace Toolshed.Cli.Commands;

/// <summary>`shed group inspect NAME [--format table|json]`: a group whole — members, what it shows, its name conflicts.</summary>
internal static class GroupInspectCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The group" };
        var format = OutputFormatOption.Create();
        var command = new Command(
            "inspect",
            "Show a group: its URL, members and their state, the tools and prompts it shows, name conflicts and how each was settled, sessions")
        {
            name, format,
        };
        command.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(context, async client =>
        {
            var group = await client.GetGroupAsync(parse.GetValue(name)!, cancellationToken);
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                await context.Out.WriteLineAsync(JsonOutput.Serialize(group));
            }
            else
            {
                await GroupDetailsText.WriteAsync(context.Out, group);
            }

            return ShedApp.ExitOk;
        }, cancellationToken));
        return command;
    }
}
