using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Toolshed.Server.Groups.Api;

/// <summary>`/api/v1beta/groups`: groups of workloads, each behind one MCP endpoint.</summary>
public static class GroupsEndpoints
{
    public static RouteGroupBuilder MapGroupsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var groups = api.MapGroup("/groups").WithTags("groups");

        groups.MapGet("/", async (GroupService service, CancellationToken cancellationToken) =>
                Results.Ok(new GroupListResponse { Groups = await service.ListAsync(cancellationToken) }))
            .WithName("ListGroups")
            .WithSummary("List groups")
            .WithDescription("Toolshed extension. Every group with its endpoint's URL and its members' states.")
            .Produces<GroupListResponse>();

        groups.MapPost("/", async (CreateGroupRequest body, GroupService service, CancellationToken cancellationToken) =>
            {
                var created = await service.CreateAsync(body, cancellationToken);
                return Results.Created($"/api/v1beta/groups/{Uri.EscapeDataString(created.Name)}", created);
            })
            .WithName("CreateGroup")
            .WithSummary("Create a group")
            .WithDescription("Toolshed extension. Starts the group's one MCP endpoint (/mcp and /sse on its own port), which aggregates the tools, prompts and resources of its running members. Name collisions are settled by conflicts: prefix (default; only colliding names become member_name), priority (the first member keeps the name) or manual (renames must settle each one).")
            .Produces<GroupSummary>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);

        groups.MapGet("/{name}", async (string name, GroupService service, CancellationToken cancellationToken) =>
                Results.Ok(await service.GetAsync(name, cancellationToken)))
            .WithName("GetGroup")
            .WithSummary("Get a group and what it shows")
            .WithDescription("Toolshed extension. Lists the running members now, as a client without a policy would see them: the tools and prompts with their members, every name collision and how it was settled, and the members that could not be listed.")
            .Produces<GroupDetails>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        groups.MapPut("/{name}", async (string name, UpdateGroupRequest body, GroupService service, CancellationToken cancellationToken) =>
                Results.Ok(await service.UpdateAsync(name, body, cancellationToken)))
            .WithName("UpdateGroup")
            .WithSummary("Change how a group names what its members offer")
            .WithDescription("Toolshed extension. conflicts and renames (which replace the old ones); absent fields stay. Connected clients get list_changed.")
            .Produces<GroupSummary>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        groups.MapDelete("/{name}", async (string name, GroupService service, CancellationToken cancellationToken) =>
            {
                await service.DeleteAsync(name, cancellationToken);
                return Results.NoContent();
            })
            .WithName("DeleteGroup")
            .WithSummary("Remove a group")
            .WithDescription("Toolshed extension. Stops the group's endpoint and forgets the group; its members keep running.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        groups.MapPost("/{name}/members", async (string name, AddGroupMemberRequest body, GroupService service, CancellationToken cancellationToken) =>
                Results.Ok(await service.AddMemberAsync(name, body.Name, cancellationToken)))
            .WithName("AddGroupMember")
            .WithSummary("Add a workload to a group")
            .WithDescription("Toolshed extension. The workload joins last in the group's order; connected clients get list_changed.")
            .Produces<GroupSummary>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        groups.MapDelete("/{name}/members/{member}", async (string name, string member, GroupService service, CancellationToken cancellationToken) =>
                Results.Ok(await service.RemoveMemberAsync(name, member, cancellationToken)))
            .WithName("RemoveGroupMember")
            .WithSummary("Take a workload out of a group")
            .WithDescription("Toolshed extension. The group's sessions with it end; the workload keeps running.")
            .Produces<GroupSummary>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }
}
