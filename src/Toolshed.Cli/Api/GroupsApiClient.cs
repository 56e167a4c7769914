using System.Net.Http.Json;
using Toolshed.Cli.Output;
using Toolshed.Server.Groups.Api;

namespace Toolshed.Cli.Api;

/// <summary>The daemon's groups API, /api/v1beta/groups: several workloads served at one MCP endpoint.</summary>
internal static class GroupsApiClient
{
    private const string Groups = "api/v1beta/groups";

    private static CliJsonContext Json => CliJsonContext.Default;

    public static async Task<IReadOnlyList<GroupSummary>> ListGroupsAsync(this ToolshedApiClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return (await client.SendAsync(HttpMethod.Get, Groups, null, Json.GroupListResponse, cancellationToken)).Groups ?? [];
    }

    public static Task<GroupDetails> GetGroupAsync(this ToolshedApiClient client, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.SendAsync(HttpMethod.Get, Path(name), null, Json.GroupDetails, cancellationToken);
    }

    public static Task<GroupSummary> CreateGroupAsync(this ToolshedApiClient client, CreateGroupRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.SendAsync(HttpMethod.Post, Groups, JsonContent.Create(request, Json.CreateGroupRequest), Json.GroupSummary, cancellationToken);
    }

    public static Task<GroupSummary> UpdateGroupAsync(
        this ToolshedApiClient client, string name, UpdateGroupRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.SendAsync(HttpMethod.Put, Path(name), JsonContent.Create(request, Json.UpdateGroupRequest), Json.GroupSummary, cancellationToken);
    }

    public static Task DeleteGroupAsync(this ToolshedApiClient client, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.SendAsync(HttpMethod.Delete, Path(name), null, cancellationToken);
    }

    public static Task<GroupSummary> AddGroupMemberAsync(this ToolshedApiClient client, string name, string workload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var body = JsonContent.Create(new AddGroupMemberRequest { Name = workload }, Json.AddGroupMemberRequest);
        return client.SendAsync(HttpMethod.Post, $"{Path(name)}/members", body, Json.GroupSummary, cancellationToken);
    }

    public static Task<GroupSummary> RemoveGroupMemberAsync(
        this ToolshedApiClient client, string name, string workload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.SendAsync(
            HttpMethod.Delete, $"{Path(name)}/members/{ToolshedApiClient.Escape(workload)}", null, Json.GroupSummary, cancellationToken);
    }

    private static string Path(string name) => $"{Groups}/{ToolshedApiClient.Escape(name)}";
}
