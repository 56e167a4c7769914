using System.CommandLine;
using Toolshed.Cli.Api;
using Toolshed.Cli.Output;
using Toolshed.Server.Groups.Api;

namespace Toolshed.Cli.Commands;

/// <summary>
/// `shed group create NAME [--member W]... [--conflicts S] [--rename MEMBER/NAME=NEW]... [--host H] [--port P]
/// [--oidc-* …] [--authz-config FILE]`: a
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
        var oidcIssuer = new Option<string>("--oidc-issuer") { Description = "OIDC issuer whose tokens the group's callers must present" };
        var oidcAudience = new Option<string>("--oidc-audience") { Description = "Expected audience of callers' tokens" };
        var oidcJwksUrl = new Option<string>("--oidc-jwks-url") { Description = "URL of the issuer's signing keys" };
        var oidcClientId = new Option<string>("--oidc-client-id") { Description = "OIDC client id" };
        var authzConfig = new Option<string>("--authz-config")
        {
            Description = "Cedar policy file (ToolHive format, JSON or YAML) for the group's endpoint; it sees the names the group shows",
        };
        var format = OutputFormatOption.Create();
        var command = new Command("create", "Create a group: one MCP URL that serves its members' tools and prompts together") { name, members };
        foreach (var option in naming.All)
        {
            command.Options.Add(option);
        }

        command.Options.Add(host);
        command.Options.Add(port);
        command.Options.Add(oidcIssuer);
        command.Options.Add(oidcAudience);
        command.Options.Add(oidcJwksUrl);
        command.Options.Add(oidcClientId);
        command.Options.Add(authzConfig);
        command.Options.Add(format);
        command.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(context, async client =>
        {
            var request = new CreateGroupRequest
            {
                Name = parse.GetValue(name),
                Members = parse.GetValue(members) is { Length: > 0 } given ? given : null,
                Conflicts = parse.GetValue(naming.Conflicts),
                Optimizer = parse.GetResult(naming.Optimizer) is null ? null : parse.GetValue(naming.Optimizer) ?? true,
                Renames = naming.ReadRenames(parse),
                Host = parse.GetValue(host),
                Port = parse.GetResult(port) is null ? null : parse.GetValue(port),
                Oidc = RunCommand.OidcFrom(parse.GetValue(oidcIssuer), parse.GetValue(oidcAudience), parse.GetValue(oidcJwksUrl), parse.GetValue(oidcClientId)),
                AuthzConfig = parse.GetValue(authzConfig) is { } policy ? await RunCommand.ReadAuthzConfigAsync(policy, cancellationToken) : null,
            };
            var group = await client.CreateGroupAsync(request, cancellationToken);
            return await GroupChangeOutput.WriteAsync(
                context, parse.GetValue(format), $"Created group '{group.Name}'. Give MCP clients its one URL:", group);
        }, cancellationToken));
        return command;
    }
}
