namespace Toolshed.Clients;

/// <summary>The syntax of a client's MCP config file.</summary>
public enum ConfigFormat
{
    /// <summary>Strict JSON.</summary>
    Json,

    /// <summary>JSON with comments and trailing commas (VS Code and Zed settings).</summary>
    Jsonc,

    Yaml,

    Toml,
}
