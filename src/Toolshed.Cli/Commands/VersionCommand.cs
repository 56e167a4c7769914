using System.CommandLine;
using Toolshed.Cli.Output;
using Toolshed.Server.Api;

namespace Toolshed.Cli.Commands;

/// <summary>`shed version [--format json]`.</summary>
internal static class VersionCommand
{
    public static Command Create(CliContext context)
    {
        var format = OutputFormatOption.Create();
        var command = new Command("version", "Print the version of shed") { format };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var version = SystemEndpoints.ProductVersion;
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                await context.Out.WriteLineAsync(JsonOutput.Serialize(new VersionResponse(version)));
            }
            else
            {
                await context.Out.WriteLineAsync($"shed {version}");
            }

            return ShedApp.ExitOk;
        });
        return command;
    }
}
