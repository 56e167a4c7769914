using System.CommandLine;
using Toolshed.Cli.Registry;

namespace Toolshed.Cli.Commands;

/// <summary>`shed registry add NAME PATH_OR_URL`: adds a registry from a local JSON file or an http(s) URL.</summary>
internal static class RegistryAddCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "Name for the registry" };
        var source = new Argument<string>("source") { Description = "Path of a registry JSON file, or its http(s) URL" };
        var command = new Command("add", "Add a registry from a file or URL") { name, source };
        command.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(context, async client =>
        {
            var registry = parse.GetValue(name)!;
            var request = ToRequest(registry, parse.GetValue(source)!);
            await client.AddRegistryAsync(request, cancellationToken);
            await context.Out.WriteLineAsync($"Added registry '{registry}' from {request.Url ?? request.Path}.");
            return ShedApp.ExitOk;
        }, cancellationToken));
        return command;
    }

    /// <summary>An http(s) URL travels as a URL; anything else is a file path, made absolute against this directory.</summary>
    internal static AddRegistryRequest ToRequest(string name, string source) =>
        Uri.TryCreate(source, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? new AddRegistryRequest { Name = name, Url = url.AbsoluteUri }
            : new AddRegistryRequest { Name = name, Path = Path.GetFullPath(source) };
}
