namespace Toolshed.Clients;

/// <summary>
/// One MCP client Toolshed can configure: where its config file lives, its syntax, where the servers sit in it and
/// what an entry for a workload looks like.
/// </summary>
public sealed record McpClientDefinition
{
    /// <summary>The name used by the CLI and the API (<c>claude-code</c>, <c>vscode</c> …).</summary>
    public required string Id { get; init; }

    public required string DisplayName { get; init; }

    public required ConfigFormat Format { get; init; }

    public required ConfigLocation Location { get; init; }

    public required ClientTransport Transport { get; init; }

    /// <summary>The user-level config file on this platform.</summary>
    public required Func<ClientEnvironment, string> ConfigPath { get; init; }

    /// <summary>A file or directory that exists once the client has been installed or run by this user.</summary>
    public required Func<ClientEnvironment, string> DetectPath { get; init; }

    /// <summary>The entry's fields, in the order they are written.</summary>
    public required Func<WorkloadEndpoint, StdioBridge, IReadOnlyList<KeyValuePair<string, object>>> Fields { get; init; }

    public IConfigEditor Editor => Format switch
    {
        ConfigFormat.Yaml => new YamlConfigEditor(),
        ConfigFormat.Toml => new TomlConfigEditor(),
        _ => new JsoncConfigEditor(),
    };

    public ConfigEntry EntryFor(WorkloadEndpoint workload, StdioBridge bridge)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(bridge);
        return new ConfigEntry(ConfigEntry.NameFor(workload.Name), Fields(workload, bridge));
    }

    public bool IsInstalled(ClientEnvironment environment)
    {
        var path = DetectPath(environment);
        return Directory.Exists(path) || File.Exists(path);
    }
}
