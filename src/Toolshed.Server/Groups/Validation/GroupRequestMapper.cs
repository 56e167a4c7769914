using Toolshed.Core.Errors;
using Toolshed.Core.Groups;
using Toolshed.Server.Groups.Api;
using Toolshed.Server.Workloads.Validation;

namespace Toolshed.Server.Groups.Validation;

/// <summary>Turns group requests into what is stored, refusing anything unclear before anything is created.</summary>
internal static class GroupRequestMapper
{
    public static async Task<GroupSpec> MapAsync(CreateGroupRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = request.Name?.Trim();
        if (!WorkloadNameRules.IsValid(name))
        {
            throw new InvalidInputException(
                $"A group needs a name of 1-{WorkloadNameRules.MaxLength} letters, digits, '_', '.' or '-', starting with a letter or digit; got '{request.Name}'.",
                "name");
        }

        CreateRequestMapper.CheckProxyPort(request.Port);
        var members = request.Members ?? [];
        GroupRules.CheckMembers(members);
        var renames = MapRenames(request.Renames);
        CheckRenamedMembers(renames, members);
        return new GroupSpec
        {
            Name = name!,
            Members = members,
            Conflicts = MapConflicts(request.Conflicts) ?? GroupConflictStrategy.Prefix,
            Renames = renames,
            Optimizer = request.Optimizer ?? false,
            Host = CreateRequestMapper.MapHost(request.Host),
            Port = request.Port ?? 0,
            Oidc = CreateRequestMapper.MapOidc(request.Oidc),
            AuthzConfig = await AuthzConfigReader.ReadAsync(request.AuthzConfig, cancellationToken),
        };
    }

    /// <summary>The group with the request's changes: a conflict strategy, and renames replacing the old ones.</summary>
    public static GroupSpec Apply(GroupSpec group, UpdateGroupRequest request)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(request);
        var renames = request.Renames is null ? group.Renames : MapRenames(request.Renames);
        CheckRenamedMembers(renames, group.Members);
        return group with
        {
            Conflicts = MapConflicts(request.Conflicts) ?? group.Conflicts,
            Renames = renames,
            Optimizer = request.Optimizer ?? group.Optimizer,
        };
    }

    public static GroupConflictStrategy? MapConflicts(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "prefix" => GroupConflictStrategy.Prefix,
        "priority" => GroupConflictStrategy.Priority,
        "manual" => GroupConflictStrategy.Manual,
        _ => throw new InvalidInputException($"conflicts must be prefix, priority or manual, not '{value}'.", "conflicts"),
    };

    public static string Name(GroupConflictStrategy strategy) => strategy.ToString().ToLowerInvariant();

    private static List<GroupRename> MapRenames(IReadOnlyList<GroupRenameOptions>? renames)
    {
        var mapped = (renames ?? []).Select(r => new GroupRename
        {
            Member = r?.Member?.Trim() ?? "",
            Name = r?.Name ?? "",
            As = r?.As ?? "",
        }).ToList();
        GroupRules.CheckRenames(mapped);
        return mapped;
    }

    private static void CheckRenamedMembers(IReadOnlyList<GroupRename> renames, IReadOnlyList<string> members)
    {
        if (renames.FirstOrDefault(r => !members.Contains(r.Member, StringComparer.Ordinal)) is { } stray)
        {
            throw new InvalidInputException(
                $"The rename '{stray.Member}/{stray.Name}={stray.As}' is of '{stray.Member}', which is not a member of the group; add it first.", "renames");
        }
    }
}
