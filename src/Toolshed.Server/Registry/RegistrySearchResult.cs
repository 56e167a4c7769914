using Toolshed.Core.Registry;

namespace Toolshed.Server.Registry;

/// <summary>A server that matched a search, with the registry it is in (run it as <c>registry/server</c>).</summary>
public sealed record RegistrySearchResult(string RegistryName, RegistryServer Server);
