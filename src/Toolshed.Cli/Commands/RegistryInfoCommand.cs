using System.CommandLine;
using Toolshed.Cli.Output;
using Toolshed.Cli.Registry;

namespace Toolshed.Cli.Commands;

/// <summary>
/// `shed registry info NAME`: a registry and its servers; `shed registry info REGISTRY/SERVER`: one server in full
/// (what `shed run` needs: its transport, environment variables and secrets).
/// </summary>
internal static class RegistryInfoCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "A registry name, or REGISTRY/SERVER for one server" };
        var format = OutputFormatOption.Create();
        var command = new Command("info", "Show a registry and its servers, or one server (REGISTRY/SERVER)") { name, format };
        command.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(context, async client =>
        {
            var target = parse.GetValue(name)!;
            var json = parse.GetValue(format) == OutputFormat.Json;
            var slash = target.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0)
            {
                var server = await client.GetRegistryServerAsync(target[..slash], target[(slash + 1)..], cancellationToken);
                await (json ? context.Out.WriteLineAsync(JsonOutput.Serialize(new RegistryServerResponse(server))) : WriteServerAsync(context.Out, server));
                return ShedApp.ExitOk;
            }

            var registry = await client.GetRegistryAsync(target, cancellationToken);
            if (json)
            {
                await context.Out.WriteLineAsync(JsonOutput.Serialize(registry));
                return ShedApp.ExitOk;
            }

            await context.Out.WriteLineAsync($"Registry:     {registry.Name}");
            await context.Out.WriteLineAsync($"Version:      {registry.Version}");
            await context.Out.WriteLineAsync($"Last updated: {registry.LastUpdated}");
            await context.Out.WriteLineAsync($"Servers:      {registry.ServerCount}");
            var servers = registry.Registry?.Servers ?? new Dictionary<string, RegistryServerView>();
            if (servers.Count > 0)
            {
                await context.Out.WriteLineAsync();
                var table = new TableWriter("NAME", "TRANSPORT", "DESCRIPTION");
                foreach (var (key, server) in servers.OrderBy(s => s.Key, StringComparer.Ordinal))
                {
                    table.AddRow(server.Name ?? key, server.Transport, TableWriter.Truncate(server.Description, 70));
                }

                await table.WriteAsync(context.Out);
            }

            return ShedApp.ExitOk;
        }, cancellationToken));
        return command;
    }

    private static async Task WriteServerAsync(TextWriter output, RegistryServerView server)
    {
        await output.WriteLineAsync($"Name:        {server.Name}");
        await output.WriteLineAsync($"Description: {server.Description}");
        await output.WriteLineAsync($"Image:       {server.Image}");
        await output.WriteLineAsync($"Transport:   {server.Transport}");
        if (server.TargetPort is { } port)
        {
            await output.WriteLineAsync($"Target port: {port}");
        }

        await output.WriteLineAsync($"Repository:  {server.RepositoryUrl}");
        await output.WriteLineAsync($"Tags:        {string.Join(", ", server.Tags ?? [])}");
        await output.WriteLineAsync($"Tools:       {string.Join(", ", server.Tools ?? [])}");
        if (server.EnvVars is { Count: > 0 } envVars)
        {
            await output.WriteLineAsync();
            var table = new TableWriter("ENV VAR", "REQUIRED", "SECRET", "DESCRIPTION");
            foreach (var variable in envVars)
            {
                table.AddRow(variable.Name, variable.Required ? "yes" : "no", variable.Secret ? "yes" : "no", variable.Description);
            }

            await table.WriteAsync(output);
        }
    }
}
