using Toolshed.Core.Errors;

namespace Toolshed.Server.Groups;

/// <summary>The errors of group operations, each saying what to do next.</summary>
internal static class GroupErrors
{
    public static NotFoundException NotFound(string name) =>
        new($"There is no group named '{name}'.", "See the groups there are with `shed group list`, or create it with `shed group create " + name + "`.");

    public static ConflictException AlreadyExists(string name) =>
        new($"A group named '{name}' already exists.", $"Pick another name, or remove it first with `shed group rm {name}`.");

    public static InvalidInputException NoSuchWorkload(string workload) =>
        new($"There is no workload named '{workload}' to put in a group; see them with `shed list --all`.", "members");

    public static ConflictException AlreadyMember(string group, string workload) =>
        new($"'{workload}' is already a member of group '{group}'.", $"See its members with `shed group inspect {group}`.");

    public static NotFoundException NotMember(string group, string workload) =>
        new($"'{workload}' is not a member of group '{group}'.", $"See its members with `shed group inspect {group}`.");
}
