using System.CommandLine;
using System.Globalization;
using Toolshed.Cli.Output;

namespace Toolshed.Cli.Commands;

/// <summary>`shed registry list`: the registries and how many servers each has.</summary>
internal static class RegistryListCommand
{
    public static Command Create(CliContext context)
    {
        var format = OutputFormatOption.Create();
        var command = new Command("list", "List the registries") { format };
        command.Aliases.Add("ls");
        command.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(context, async client =>
        {
            var registries = await client.ListRegistriesAsync(cancellationToken);
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                await context.Out.WriteLineAsync(JsonOutput.Serialize(registries));
                return ShedApp.ExitOk;
            }

            var table = new TableWriter("NAME", "VERSION", "SERVERS", "LAST UPDATED");
            foreach (var registry in registries)
            {
                table.AddRow(registry.Name, registry.Version, registry.ServerCount.ToString(CultureInfo.InvariantCulture), registry.LastUpdated);
            }

            await table.WriteAsync(context.Out);
            return ShedApp.ExitOk;
        }, cancellationToken));
        return command;
    }
}
