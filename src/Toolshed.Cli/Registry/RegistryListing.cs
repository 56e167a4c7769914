namespace Toolshed.Cli.Registry;

/// <summary>One registry with its servers, as `shed search` and `shed registry info` read them; <see cref="Problem"/>
/// says why the servers could not be read (a registry whose source no longer loads), in which case the list is empty.</summary>
public sealed record RegistryListing(string Name, IReadOnlyList<RegistryServerView> Servers, string? Problem = null);
