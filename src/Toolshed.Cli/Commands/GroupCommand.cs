using System.CommandLine;

namespace Toolshed.Cli.Commands;

/// <summary>
/// `shed group create|list|inspect|rm|add|remove|set`: groups, each serving several workloads' tools and prompts at
/// one MCP URL.
/// </summary>
internal static class GroupCommand
{
    public static Command Create(CliContext context) => new("group", "Serve several workloads at one MCP URL: create, list, inspect and change groups")
    {
        GroupCreateCommand.Create(context),
        GroupListCommand.Create(context),
        GroupInspectCommand.Create(context),
        GroupDeleteCommand.Create(context),
        GroupMemberAddCommand.Create(context),
        GroupMemberRemoveCommand.Create(context),
        GroupSetCommand.Create(context),
    };
}
