namespace Toolshed.Clients;

/// <summary>
/// The clients Toolshed knows how to configure. Paths and entry shapes follow each client's own documentation for
/// user-level (global) configuration; entries are named <c>toolshed-WORKLOAD</c>.
/// </summary>
public static class McpClientCatalog
{
    private static readonly ConfigLocation s_mcpServers = new(["mcpServers"]);

    public static IReadOnlyList<McpClientDefinition> All { get; } =
    [
        new()
        {
            Id = "claude-code",
            DisplayName = "Claude Code",
            Format = ConfigFormat.Json,
            Location = s_mcpServers,
            Transport = ClientTransport.StreamableHttp,
            ConfigPath = env => env.InHome(".claude.json"),
            DetectPath = env => env.InHome(".claude"),
            Fields = (w, _) => [new("type", "http"), new("url", w.McpUrl)],
        },
        new()
        {
            // The desktop app's config file only launches local commands, so it gets the stdio bridge.
            Id = "claude-desktop",
            DisplayName = "Claude Desktop",
            Format = ConfigFormat.Json,
            Location = s_mcpServers,
            Transport = ClientTransport.StdioBridge,
            ConfigPath = env => env.InUserConfig("Claude", "claude_desktop_config.json"),
            DetectPath = env => env.InUserConfig("Claude"),
            Fields = Bridge,
        },
        VsCodeFamily("vscode", "VS Code", "Code"),
        VsCodeFamily("vscode-insiders", "VS Code Insiders", "Code - Insiders"),
        new()
        {
            Id = "cursor",
            DisplayName = "Cursor",
            Format = ConfigFormat.Json,
            Location = s_mcpServers,
            Transport = ClientTransport.StreamableHttp,
            ConfigPath = env => env.InHome(".cursor", "mcp.json"),
            DetectPath = env => env.InHome(".cursor"),
            Fields = (w, _) => [new("url", w.McpUrl)],
        },
        new()
        {
            Id = "windsurf",
            DisplayName = "Windsurf",
            Format = ConfigFormat.Json,
            Location = s_mcpServers,
            Transport = ClientTransport.StreamableHttp,
            ConfigPath = env => env.InHome(".codeium", "windsurf", "mcp_config.json"),
            DetectPath = env => env.InHome(".codeium", "windsurf"),
            Fields = (w, _) => [new("serverUrl", w.McpUrl)],
        },
        VsCodeExtension("cline", "Cline", "saoudrizwan.claude-dev", "cline_mcp_settings.json",
            w => [new("type", "streamableHttp"), new("url", w.McpUrl), new("disabled", false)]),
        VsCodeExtension("roo-code", "Roo Code", "rooveterinaryinc.roo-cline", "mcp_settings.json",
            w => [new("type", "streamable-http"), new("url", w.McpUrl)]),
        new()
        {
            Id = "continue",
            DisplayName = "Continue",
            Format = ConfigFormat.Yaml,
            Location = new(["mcpServers"], ServersLayout.List),
            Transport = ClientTransport.StreamableHttp,
            ConfigPath = env => env.InHome(".continue", "config.yaml"),
            DetectPath = env => env.InHome(".continue"),
            Fields = (w, _) => [new("name", ConfigEntry.NameFor(w.Name)), new("type", "streamable-http"), new("url", w.McpUrl)],
        },
        new()
        {
            Id = "zed",
            DisplayName = "Zed",
            Format = ConfigFormat.Jsonc,
            Location = new(["context_servers"]),
            Transport = ClientTransport.StreamableHttp,
            ConfigPath = env => env.Platform == ClientPlatform.Windows
                ? env.InUserConfig("Zed", "settings.json")
                : Path.Combine(env.DotConfigDirectory, "zed", "settings.json"),
            DetectPath = env => env.Platform == ClientPlatform.Windows ? env.InUserConfig("Zed") : Path.Combine(env.DotConfigDirectory, "zed"),
            Fields = (w, _) => [new("url", w.McpUrl)],
        },
        new()
        {
            Id = "gemini-cli",
            DisplayName = "Gemini CLI",
            Format = ConfigFormat.Json,
            Location = s_mcpServers,
            Transport = ClientTransport.StreamableHttp,
            ConfigPath = env => env.InHome(".gemini", "settings.json"),
            DetectPath = env => env.InHome(".gemini"),
            Fields = (w, _) => [new("httpUrl", w.McpUrl)],
        },
        new()
        {
            Id = "codex",
            DisplayName = "Codex CLI",
            Format = ConfigFormat.Toml,
            Location = new(["mcp_servers"]),
            Transport = ClientTransport.StreamableHttp,
            ConfigPath = env => env.InHome(".codex", "config.toml"),
            DetectPath = env => env.InHome(".codex"),
            Fields = (w, _) => [new("url", w.McpUrl)],
        },
        new()
        {
            Id = "goose",
            DisplayName = "Goose",
            Format = ConfigFormat.Yaml,
            Location = new(["extensions"]),
            Transport = ClientTransport.StreamableHttp,
            ConfigPath = env => env.Platform == ClientPlatform.Windows
                ? env.InUserConfig("Block", "goose", "config", "config.yaml")
                : Path.Combine(env.DotConfigDirectory, "goose", "config.yaml"),
            DetectPath = env => env.Platform == ClientPlatform.Windows
                ? env.InUserConfig("Block", "goose")
                : Path.Combine(env.DotConfigDirectory, "goose"),
            Fields = (w, _) =>
            [
                new("enabled", true), new("name", ConfigEntry.NameFor(w.Name)), new("type", "streamable_http"),
                new("uri", w.McpUrl), new("timeout", 300),
            ],
        },
        new()
        {
            Id = "lm-studio",
            DisplayName = "LM Studio",
            Format = ConfigFormat.Json,
            Location = s_mcpServers,
            Transport = ClientTransport.StreamableHttp,
            ConfigPath = env => env.InHome(".lmstudio", "mcp.json"),
            DetectPath = env => env.InHome(".lmstudio"),
            Fields = (w, _) => [new("url", w.McpUrl)],
        },
        new()
        {
            Id = "opencode",
            DisplayName = "opencode",
            Format = ConfigFormat.Jsonc,
            Location = new(["mcp"]),
            Transport = ClientTransport.StreamableHttp,
            ConfigPath = env => Path.Combine(env.Platform == ClientPlatform.Windows ? env.InHome(".config") : env.DotConfigDirectory, "opencode", "opencode.json"),
            DetectPath = env => Path.Combine(env.Platform == ClientPlatform.Windows ? env.InHome(".config") : env.DotConfigDirectory, "opencode"),
            Fields = (w, _) => [new("type", "remote"), new("url", w.McpUrl), new("enabled", true)],
        },
    ];

    public static McpClientDefinition? Find(string id) => All.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase));

    private static List<KeyValuePair<string, object>> Bridge(WorkloadEndpoint workload, StdioBridge bridge) =>
        [new("command", bridge.Command), new("args", StdioBridge.ArgumentsFor(workload.Name))];

    private static McpClientDefinition VsCodeFamily(string id, string displayName, string folder) => new()
    {
        Id = id,
        DisplayName = displayName,
        Format = ConfigFormat.Jsonc,
        Location = new(["servers"]),
        Transport = ClientTransport.StreamableHttp,
        ConfigPath = env => env.InUserConfig(folder, "User", "mcp.json"),
        DetectPath = env => env.InUserConfig(folder),
        Fields = (w, _) => [new("type", "http"), new("url", w.McpUrl)],
    };

    /// <summary>Cline and Roo Code keep their MCP settings in VS Code's global storage for the extension.</summary>
    private static McpClientDefinition VsCodeExtension(
        string id, string displayName, string extensionId, string fileName, Func<WorkloadEndpoint, IReadOnlyList<KeyValuePair<string, object>>> fields) => new()
    {
        Id = id,
        DisplayName = displayName,
        Format = ConfigFormat.Json,
        Location = s_mcpServers,
        Transport = ClientTransport.StreamableHttp,
        ConfigPath = env => env.InUserConfig("Code", "User", "globalStorage", extensionId, "settings", fileName),
        DetectPath = env => env.InUserConfig("Code", "User", "globalStorage", extensionId),
        Fields = (w, _) => fields(w),
    };
}
