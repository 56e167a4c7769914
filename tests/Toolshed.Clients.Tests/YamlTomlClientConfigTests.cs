namespace Toolshed.Clients.Tests;

/// <summary>Golden files for the YAML (Continue, Goose) and TOML (Codex) clients.</summary>
public sealed class YamlTomlClientConfigTests
{
    [Fact]
    public async Task RegisterRunRemove_ContinueYamlWithComments_AppendsListItemThenRestoresFile()
    {
        const string initial = """
            name: Local Assistant
            version: 1.0.0
            schema: v1
            models:
              - name: Llama
                provider: ollama
                model: llama3.1:8b
            # MCP servers
            mcpServers:
              - name: SQLite
                command: npx
                args:
                  - -y
                  - mcp-sqlite
                  - /tmp/db.sqlite # scratch database
            context:
              - provider: code

            """;
        const string expected = """
            name: Local Assistant
            version: 1.0.0
            schema: v1
            models:
              - name: Llama
                provider: ollama
                model: llama3.1:8b
            # MCP servers
            mcpServers:
              - name: SQLite
                command: npx
                args:
                  - -y
                  - mcp-sqlite
                  - /tmp/db.sqlite # scratch database
              - name: toolshed-github
                type: streamable-http
                url: http://127.0.0.1:40123/mcp
            context:
              - provider: code

            """;
        await ClientRoundTrip.AssertAsync("continue", initial, expected);
    }

    [Fact]
    public async Task RegisterRunRemove_GooseYamlWithExtensions_AddsExtensionThenRestoresFile()
    {
        const string initial = """
            GOOSE_PROVIDER: anthropic
            GOOSE_MODEL: claude-sonnet-4
            extensions:
              developer:
                enabled: true
                name: developer
                type: builtin
                timeout: 300
              # local fetch server
              fetch:
                args:
                - mcp-server-fetch
                cmd: uvx
                enabled: true
                name: fetch
                type: stdio
            GOOSE_MODE: smart_approve

            """;
        const string expected = """
            GOOSE_PROVIDER: anthropic
            GOOSE_MODEL: claude-sonnet-4
            extensions:
              developer:
                enabled: true
                name: developer
                type: builtin
                timeout: 300
              # local fetch server
              fetch:
                args:
                - mcp-server-fetch
                cmd: uvx
                enabled: true
                name: fetch
                type: stdio
              toolshed-github:
                enabled: true
                name: toolshed-github
                type: streamable_http
                uri: http://127.0.0.1:40123/mcp
                timeout: 300
            GOOSE_MODE: smart_approve

            """;
        await ClientRoundTrip.AssertAsync("goose", initial, expected);
    }

    [Fact]
    public async Task RegisterRunRemove_CodexTomlWithSubtables_AppendsTableThenRestoresFile()
    {
        const string initial = """
            model = "o3"
            approval_policy = "on-request"

            # Docs server
            [mcp_servers.context7]
            command = "npx"
            args = ["-y", "@upstash/context7-mcp"]

            [mcp_servers.context7.env]
            LOG_LEVEL = "info"

            """;
        const string expected = """
            model = "o3"
            approval_policy = "on-request"

            # Docs server
            [mcp_servers.context7]
            command = "npx"
            args = ["-y", "@upstash/context7-mcp"]

            [mcp_servers.context7.env]
            LOG_LEVEL = "info"

            [mcp_servers.toolshed-github]
            url = "http://127.0.0.1:40123/mcp"

            """;
        await ClientRoundTrip.AssertAsync("codex", initial, expected);
    }
}
