namespace Toolshed.EndToEnd.Tests.Groups;

/// <summary>The group test classes share one daemon and its three servers, and run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class GroupCollection : ICollectionFixture<GroupWorkloads>
{
    public const string Name = "groups";
}
