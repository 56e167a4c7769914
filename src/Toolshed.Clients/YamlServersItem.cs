namespace Toolshed.Clients;

/// <summary>One server entry of a YAML servers block: its name and its first and last lines (0-based, inclusive).</summary>
internal sealed record YamlServersItem(string? Name, int First, int Last);
