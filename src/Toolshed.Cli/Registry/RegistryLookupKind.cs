namespace Toolshed.Cli.Registry;

/// <summary>What a name given to `shed registry info` turned out to be.</summary>
public enum RegistryLookupKind
{
    /// <summary>A registry: show it with its servers.</summary>
    Registry,

    /// <summary>Exactly one server.</summary>
    Server,

    /// <summary>A server name that several registries have: the user must pick REGISTRY/SERVER.</summary>
    Ambiguous,

    /// <summary>Neither a registry nor a server; <see cref="RegistryLookupResult.Suggestions"/> may help.</summary>
    NotFound,
}
