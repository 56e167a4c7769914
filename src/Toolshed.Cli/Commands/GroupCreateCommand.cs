using System.CommandLine;
using Toolshed.Cli.Api;
using Toolshed.Cli.Output;
using Toolshed.Server.Groups.Api;

namespace Toolshed.Cli.Commands;

/// <summary>
/// `shed group create NAME [--member W]... [--conflicts S] [--rename MEMBER/NAME=NEW]... [--host H] [--port P]`: a
/// group and its one MCP endpoint, whose URL it prints.
/// </summary>
internal static class GroupCreateCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The group's name: letters, digits, '_', '-', '.'" };
        var members = new Option<string[]>("--member", "-m")
        {
            Description = "A workload in the group (repeatable; the order is the priority of --conflicts priority)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var naming = new GroupNamingOptions();
        var host = new Option<string>("--host") { Description = "Address the group's endpoint binds to (default 127.0.0.1)" };
        var port = new Option<int>("--port") { Description = "Port of the group's endpoint (default: a free one, kept afterwards)" }.CheckPort(0);
        var format = OutputFormatOption.Create();
        var command = new Command("create", "Create a group: one MCP URL that serves its members' tools and prompts together") { name, members };
        foreach (var option in naming.All)
        {
            command.Options.Add(option);
        }

        command.Options.Add(host);
        command.Options.Add(port);
        command.Options.Add(format);
        command.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(context, async client =>
        {
            var request = new CreateGroupRequest
            {
                Name = parse.GetValue(name),
                Members = parse.GetValue(members) is { Length: > 0 } given ? given : null,
                Conflicts = parse.GetValue(naming.Conflicts),
                Renames = naming.ReadRenames(parse),
                Host = parse.GetValue(host),
                Port = parse.GetResult(port) is null ? null : parse.GetValue(port),
            };
            var group = await client.CreateGroupAsync(request, cancellationToken);
            return await GroupChangeOutput.WriteAsync(
                context, parse.GetValue(format), $"Created group '{group.Name}'. Give MCP clients its one URL:", group);
        }, cancellationToken));
        return command;
    }
}
