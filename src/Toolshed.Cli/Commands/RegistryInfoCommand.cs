using System.CommandLine;
using Toolshed.Cli.Output;
using Toolshed.Cli.Registry;
using Toolshed.Core.Registry;

namespace Toolshed.Cli.Commands;

/// <summary>
/// `shed registry info NAME`: NAME is a registry (shown with its servers), a server looked up across every registry,
/// or REGISTRY/SERVER. A registry name wins over a server of the same name; an ambiguous server name lists its
/// REGISTRY/SERVER forms and exits 1; a name that matches nothing gets a did-you-mean.
/// </summary>
internal static class RegistryInfoCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name")
        {
            Description = "A server name (looked up in every registry), REGISTRY/SERVER, or a registry name",
        };
        var format = OutputFormatOption.Create();
        var command = new Command("info",
            "Show one server of the registries (by name, or REGISTRY/SERVER when several registries have it), or a registry and its servers. "
            + "A registry name wins over a server of the same name: reach that server as REGISTRY/SERVER.")
        {
            name, format,
        };
        command.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(context, async client =>
        {
            var target = parse.GetValue(name)!;
            var json = parse.GetValue(format) == OutputFormat.Json;
            var found = RegistryLookup.Resolve(target, await RegistryListingReader.ReadAsync(client, cancellationToken));
            switch (found.Kind)
            {
                case RegistryLookupKind.Server:
                    await (json
                        ? context.Out.WriteLineAsync(JsonOutput.Serialize(new RegistryServerResponse(found.Server!)))
                        : WriteServerAsync(context.Out, found.Registry!, found.Server!));
                    return ShedApp.ExitOk;
                case RegistryLookupKind.Registry:
                    await WriteRegistryAsync(context.Out, await client.GetRegistryAsync(found.Registry!, cancellationToken), json);
                    if (found.Candidates.Count > 0)
                    {
                        await context.Error.WriteLineAsync(
                            $"'{target}' is also a server: see it with `shed registry info {found.Candidates[0]}`{(found.Candidates.Count > 1 ? $" (also in {string.Join(", ", found.Candidates.Skip(1))})" : "")}.");
                    }

                    return ShedApp.ExitOk;
                case RegistryLookupKind.Ambiguous:
                    throw new CliException(
                        $"{found.Candidates.Count} registries have a server named '{target}': {string.Join(", ", found.Candidates)}. "
                        + $"Name one, e.g. `shed registry info {found.Candidates[0]}`.");
                default:
                    throw new CliException(NotFoundMessage(target, found));
            }
        }, cancellationToken));
        return command;
    }

    private static string NotFoundMessage(string target, RegistryLookupResult found)
    {
        if (found.Detail is { } problem)
        {
            return problem;
        }

        var hint = found.Suggestions.Count > 0 ? $" Did you mean {string.Join(" or ", found.Suggestions)}?" : "";
        if (found.Registry is { } registry)
        {
            return $"The registry '{registry}' has no server named '{target[(target.IndexOf('/', StringComparison.Ordinal) + 1)..]}'.{hint} "
                + $"List its servers with `shed registry info {registry}`.";
        }

        return $"No registry or server is named '{target}'.{hint} See the registries with `shed registry list`, or search with `shed search WORD`.";
    }

    private static async Task WriteRegistryAsync(TextWriter output, RegistryDetails registry, bool json)
    {
        if (json)
        {
            await output.WriteLineAsync(JsonOutput.Serialize(registry));
            return;
        }

        await output.WriteLineAsync($"Registry:     {registry.Name}");
        await output.WriteLineAsync($"Version:      {registry.Version}");
        await output.WriteLineAsync($"Last updated: {registry.LastUpdated}");
        await output.WriteLineAsync($"Servers:      {registry.ServerCount}");
        var servers = registry.Registry?.Servers ?? new Dictionary<string, RegistryServerView>();
        if (servers.Count > 0)
        {
            await output.WriteLineAsync();
            var table = new TableWriter("NAME", "TRANSPORT", "DESCRIPTION");
            foreach (var (key, server) in servers.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                table.AddRow(server.Name ?? key, server.Transport, TableWriter.Truncate(server.Description, 70));
            }

            await table.WriteAsync(output);
        }
    }

    private static async Task WriteServerAsync(TextWriter output, string registry, RegistryServerView server)
    {
        await output.WriteLineAsync($"Name:        {server.Name}");
        await output.WriteLineAsync($"Registry:    {registry}");
        await output.WriteLineAsync($"Description: {server.Description}");
        await output.WriteLineAsync(server.Url is { Length: > 0 } url ? $"URL:         {url} (a remote server)" : $"Image:       {server.Image}");
        await output.WriteLineAsync($"Transport:   {server.Transport}");
        if (server.TargetPort is { } port)
        {
            await output.WriteLineAsync($"Target port: {port}");
        }

        await output.WriteLineAsync($"Repository:  {server.RepositoryUrl}");
        await output.WriteLineAsync($"Tags:        {string.Join(", ", server.Tags ?? [])}");
        await output.WriteLineAsync($"Tools:       {string.Join(", ", server.Tools ?? [])}");
        await output.WriteLineAsync($"Run it:      shed run {RunReference(registry, server)}");
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

        if (server.Headers is { Count: > 0 } headers)
        {
            await output.WriteLineAsync();
            var table = new TableWriter("HEADER", "REQUIRED", "SECRET", "DEFAULT", "DESCRIPTION");
            foreach (var header in headers)
            {
                table.AddRow(header.Name, header.Required ? "yes" : "no", header.Secret ? "yes" : "no", header.Default ?? "", header.Description ?? "");
            }

            await table.WriteAsync(output);
            await output.WriteLineAsync("Give a header with --header 'Name: value'; a secret one as --header 'Name: {secret:NAME}' after `shed secret set NAME`.");
        }
    }

    /// <summary>`shed run` takes a bare name from the built-in registry only; any other needs REGISTRY/SERVER.</summary>
    private static string RunReference(string registry, RegistryServerView server) =>
        string.Equals(registry, BuiltInRegistry.Name, StringComparison.OrdinalIgnoreCase) ? server.Name! : $"{registry}/{server.Name}";
}
