using System.CommandLine;
using Toolshed.Cli.Output;
using Toolshed.Cli.Registry;
using Toolshed.Core.Registry;

namespace Toolshed.Cli.Commands;

/// <summary>`shed search QUERY`: the daemon searches every registry (name, description, tags and tools must match every
/// word) and ranks the hits; `shed registry info NAME` then shows one of them in full.</summary>
internal static class SearchCommand
{
    public static Command Create(CliContext context)
    {
        var query = new Argument<string>("query") { Description = "Text to look for (case-insensitive)" };
        query.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>()))
            {
                result.AddError("The search query is empty; give some text, e.g. `shed search github`.");
            }
        });
        var format = OutputFormatOption.Create();
        var command = new Command("search", "Search the registries for MCP servers; `shed registry info NAME` shows one in full") { query, format };
        command.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(context, async client =>
        {
            var text = parse.GetValue(query)!.Trim();
            var answer = await client.SearchRegistriesAsync(text, cancellationToken);
            foreach (var skipped in answer.Skipped ?? [])
            {
                await context.Error.WriteLineAsync($"shed: skipped the registry '{skipped.Registry}': {skipped.Error}");
            }

            IReadOnlyList<SearchHit> hits = answer.Results ?? [];
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                await context.Out.WriteLineAsync(JsonOutput.Serialize<IReadOnlyList<SearchHit>>(hits));
                return ShedApp.ExitOk;
            }

            if (hits.Count == 0)
            {
                await context.Out.WriteLineAsync($"No server matches '{text}'. Try a shorter word, or list every server of a registry with `shed registry info {BuiltInRegistry.Name}` (the registries: `shed registry list`).");
                return ShedApp.ExitOk;
            }

            var table = new TableWriter("NAME", "REGISTRY", "TRANSPORT", "DESCRIPTION");
            foreach (var hit in hits)
            {
                table.AddRow(hit.Server.Name, hit.Registry, hit.Server.Transport, TableWriter.Truncate(hit.Server.Description, 60));
            }

            await table.WriteAsync(context.Out);
            return ShedApp.ExitOk;
        }, cancellationToken));
        return command;
    }
}
