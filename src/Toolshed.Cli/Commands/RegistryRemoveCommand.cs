using System.CommandLine;

namespace Toolshed.Cli.Commands;

/// <summary>`shed registry remove NAME`.</summary>
internal static class RegistryRemoveCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "Name of the registry" };
        var command = new Command("remove", "Remove a registry") { name };
        command.Aliases.Add("rm");
        command.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(context, async client =>
        {
            var registry = parse.GetValue(name)!;
            await client.RemoveRegistryAsync(registry, cancellationToken);
            await context.Out.WriteLineAsync($"Removed registry '{registry}'.");
            return ShedApp.ExitOk;
        }, cancellationToken));
        return command;
    }
}
