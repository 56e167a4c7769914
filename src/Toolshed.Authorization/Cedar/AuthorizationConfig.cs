namespace Toolshed.Authorization.Cedar;

/// <summary>ToolHive's authorization config file, read: the policy strings (with the file line each starts on, when
/// known) and the entities JSON text.</summary>
internal sealed record AuthorizationConfig(string? Version, string Type, IReadOnlyList<PolicySource> Policies, string? EntitiesJson);
