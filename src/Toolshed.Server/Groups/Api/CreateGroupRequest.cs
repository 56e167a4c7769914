using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Toolshed.Server.Groups.Api;

/// <summary>`POST /api/v1beta/groups`: a group and its one MCP endpoint.</summary>
[Description("A new group")]
public sealed record CreateGroupRequest
{
    [JsonPropertyName("name"), Description("The group's name: letters, digits, '_', '-', '.'; at most 63")]
    public string? Name { get; init; }

    [JsonPropertyName("members"), Description("Workloads in the group, in order (priority follows it)")]
    public IReadOnlyList<string>? Members { get; init; }

    [JsonPropertyName("conflicts"), Description("prefix (default: only colliding names become member_name), priority (the first member keeps a name), or manual (renames must settle every collision)")]
    public string? Conflicts { get; init; }

    [JsonPropertyName("renames"), Description("Explicit names, applied before the conflict strategy")]
    public IReadOnlyList<GroupRenameOptions>? Renames { get; init; }

    [JsonPropertyName("optimizer"), Description("Show two tools, find_tool (a ranked search of the members' tools) and call_tool, instead of every tool")]
    public bool? Optimizer { get; init; }

    [JsonPropertyName("host"), Description("The address the group's endpoint binds (default 127.0.0.1)")]
    public string? Host { get; init; }

    [JsonPropertyName("oidc"), Description("OIDC settings: every request to the group's endpoint then needs a bearer token")]
    public Workloads.Api.OidcOptions? Oidc { get; init; }

    [JsonPropertyName("authz_config"), Description("A Cedar authorization config (ToolHive format) for the group's endpoint: a JSON object, its text, or an absolute path to it; it sees the names the group shows")]
    public System.Text.Json.JsonElement? AuthzConfig { get; init; }

    [JsonPropertyName("port"), Description("The port of the group's endpoint (default: a free one, kept afterwards)")]
    public int? Port { get; init; }
}
