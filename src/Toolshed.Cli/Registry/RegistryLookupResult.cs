namespace Toolshed.Cli.Registry;

/// <summary>The outcome of resolving a `shed registry info` argument against the registries.</summary>
public sealed record RegistryLookupResult
{
    public required RegistryLookupKind Kind { get; init; }

    /// <summary>The registry shown (<see cref="RegistryLookupKind.Registry"/>) or holding the server.</summary>
    public string? Registry { get; init; }

    /// <summary>The server found (<see cref="RegistryLookupKind.Server"/>).</summary>
    public RegistryServerView? Server { get; init; }

    /// <summary>REGISTRY/SERVER references: every match of an ambiguous name, or (for a registry) the servers that
    /// carry the same name as it.</summary>
    public IReadOnlyList<string> Candidates { get; init; } = [];

    /// <summary>Close names for a name that matched nothing, best first.</summary>
    public IReadOnlyList<string> Suggestions { get; init; } = [];

    /// <summary>The registry the argument named explicitly (REGISTRY/SERVER) when it does not have that server, or the
    /// problem of a registry that could not be read.</summary>
    public string? Detail { get; init; }
}
