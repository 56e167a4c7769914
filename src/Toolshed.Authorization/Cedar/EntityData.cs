namespace Toolshed.Authorization.Cedar;

/// <summary>An entity of the store: its attributes and every ancestor (the transitive closure of its parents).</summary>
internal sealed record EntityData(IReadOnlyDictionary<string, CedarValue> Attributes, IReadOnlySet<EntityUid> Ancestors);
