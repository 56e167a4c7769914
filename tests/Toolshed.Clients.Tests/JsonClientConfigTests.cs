namespace Toolshed.Clients.Tests;

/// <summary>Golden files for the JSON and JSONC clients: our entry in, then out, and nothing else touched.</summary>
public sealed class JsonClientConfigTests
{
    [Fact]
    public async Task RegisterRunRemove_ClaudeCodeWithStdioServer_AddsHttpEntryThenRestoresFile()
    {
        const string initial = """
            {
              "numStartups": 12,
              "mcpServers": {
                "filesystem": {
                  "type": "stdio",
                  "command": "npx",
                  "args": ["-y", "@modelcontextprotocol/server-filesystem", "/tmp"]
                }
              },
              "projects": {}
            }

            """;
        const string expected = """
            {
              "numStartups": 12,
              "mcpServers": {
                "filesystem": {
                  "type": "stdio",
                  "command": "npx",
                  "args": ["-y", "@modelcontextprotocol/server-filesystem", "/tmp"]
                },
                "toolshed-github": {
                  "type": "http",
                  "url": "http://127.0.0.1:40123/mcp"
                }
              },
              "projects": {}
            }

            """;
        await ClientRoundTrip.AssertAsync("claude-code", initial, expected);
    }

    [Fact]
    public async Task RegisterRunRemove_ClaudeDesktop_AddsStdioBridgeThenRestoresFile()
    {
        const string initial = """
            {
              "mcpServers": {
                "memory": {
                  "command": "npx",
                  "args": ["-y", "@modelcontextprotocol/server-memory"]
                }
              },
              "globalShortcut": "Ctrl+Space"
            }
            """;
        const string expected = """
            {
              "mcpServers": {
                "memory": {
                  "command": "npx",
                  "args": ["-y", "@modelcontextprotocol/server-memory"]
                },
                "toolshed-github": {
                  "command": "shed",
                  "args": ["proxy", "stdio", "github"]
                }
              },
              "globalShortcut": "Ctrl+Space"
            }
            """;
        await ClientRoundTrip.AssertAsync("claude-desktop", initial, expected);
    }

    [Fact]
    public async Task RegisterRunRemove_VsCodeWithCommentsAndTrailingComma_KeepsCommentsAndStyle()
    {
        const string initial = """
            {
              // Servers for every workspace
              "servers": {
                "playwright": {
                  "command": "npx",
                  "args": ["@playwright/mcp@latest"]
                }, // browser automation
              },
              /* prompted values */
              "inputs": []
            }

            """;
        const string expected = """
            {
              // Servers for every workspace
              "servers": {
                "playwright": {
                  "command": "npx",
                  "args": ["@playwright/mcp@latest"]
                }, // browser automation
                "toolshed-github": {
                  "type": "http",
                  "url": "http://127.0.0.1:40123/mcp"
                },
              },
              /* prompted values */
              "inputs": []
            }

            """;
        await ClientRoundTrip.AssertAsync("vscode", initial, expected);
    }

    [Fact]
    public async Task RegisterRunRemove_VsCodeInsidersWithEmptyServers_FillsThenEmptiesTheObject()
    {
        const string initial = "{\n  \"servers\": {},\n  \"inputs\": []\n}\n";
        const string expected = """
            {
              "servers": {
                "toolshed-github": {
                  "type": "http",
                  "url": "http://127.0.0.1:40123/mcp"
                }
              },
              "inputs": []
            }

            """;
        await ClientRoundTrip.AssertAsync("vscode-insiders", initial, expected);
    }

    [Fact]
    public async Task RegisterRunRemove_CursorWithRemoteServer_AddsUrlEntryThenRestoresFile()
    {
        const string initial = """
            {
              "mcpServers": {
                "linear": {
                  "url": "https://mcp.linear.app/sse"
                }
              }
            }

            """;
        const string expected = """
            {
              "mcpServers": {
                "linear": {
                  "url": "https://mcp.linear.app/sse"
                },
                "toolshed-github": {
                  "url": "http://127.0.0.1:40123/mcp"
                }
              }
            }

            """;
        await ClientRoundTrip.AssertAsync("cursor", initial, expected);
    }

    [Fact]
    public async Task RegisterRunRemove_WindsurfWithoutConfigFile_CreatesFileAndLeavesEmptyServers()
    {
        var (afterAdd, afterRemove, backup) = await ClientRoundTrip.RunAsync("windsurf", initial: null);

        Assert.Equal("""
            {
              "mcpServers": {
                "toolshed-github": {
                  "serverUrl": "http://127.0.0.1:40123/mcp"
                }
              }
            }

            """, afterAdd);
        // Without EmptyText the file stays, emptied; see ConfigFileCreationTests for the removal.
        Assert.Equal("{\n  \"mcpServers\": {}\n}\n", afterRemove);
        // Toolshed created the file: there was nothing to back up.
        Assert.Null(backup);
    }

    [Fact]
    public async Task RegisterRunRemove_ClineWithDisabledServer_AddsStreamableHttpEntryThenRestoresFile()
    {
        const string initial = """
            {
              "mcpServers": {
                "weather": {
                  "command": "node",
                  "args": ["/home/me/weather/build/index.js"],
                  "disabled": true,
                  "autoApprove": []
                }
              }
            }
            """;
        const string expected = """
            {
              "mcpServers": {
                "weather": {
                  "command": "node",
                  "args": ["/home/me/weather/build/index.js"],
                  "disabled": true,
                  "autoApprove": []
                },
                "toolshed-github": {
                  "type": "streamableHttp",
                  "url": "http://127.0.0.1:40123/mcp",
                  "disabled": false
                }
              }
            }
            """;
        await ClientRoundTrip.AssertAsync("cline", initial, expected);
    }

    [Fact]
    public async Task RegisterRunRemove_RooCodeWithFourSpaceIndent_MatchesIndentThenRestoresFile()
    {
        const string initial = """
            {
                "mcpServers": {
                    "puppeteer": {
                        "command": "npx",
                        "args": ["-y", "@modelcontextprotocol/server-puppeteer"],
                        "alwaysAllow": []
                    }
                }
            }
            """;
        const string expected = """
            {
                "mcpServers": {
                    "puppeteer": {
                        "command": "npx",
                        "args": ["-y", "@modelcontextprotocol/server-puppeteer"],
                        "alwaysAllow": []
                    },
                    "toolshed-github": {
                        "type": "streamable-http",
                        "url": "http://127.0.0.1:40123/mcp"
                    }
                }
            }
            """;
        await ClientRoundTrip.AssertAsync("roo-code", initial, expected);
    }

    [Fact]
    public async Task RegisterRunRemove_ZedSettingsWithComments_AddsContextServerThenRestoresFile()
    {
        const string initial = """
            // Zed settings
            //
            // For information on how to configure Zed, see the Zed documentation.
            {
              "theme": "One Dark",
              "context_servers": {
                "postgres": {
                  "source": "custom",
                  "command": "postgres-mcp",
                  "args": [],
                  "env": {} // no secrets here
                } // local database
              },
              "vim_mode": false
            }

            """;
        const string expected = """
            // Zed settings
            //
            // For information on how to configure Zed, see the Zed documentation.
            {
              "theme": "One Dark",
              "context_servers": {
                "postgres": {
                  "source": "custom",
                  "command": "postgres-mcp",
                  "args": [],
                  "env": {} // no secrets here
                }, // local database
                "toolshed-github": {
                  "url": "http://127.0.0.1:40123/mcp"
                }
              },
              "vim_mode": false
            }

            """;
        await ClientRoundTrip.AssertAsync("zed", initial, expected);
    }

    [Fact]
    public async Task RegisterRunRemove_GeminiCliWithoutServersKey_AddsServersThenLeavesEmptyObject()
    {
        const string initial = """
            {
              "theme": "Default",
              "selectedAuthType": "oauth-personal"
            }

            """;
        var (afterAdd, afterRemove, _) = await ClientRoundTrip.RunAsync("gemini-cli", initial);

        Assert.Equal("""
            {
              "theme": "Default",
              "selectedAuthType": "oauth-personal",
              "mcpServers": {
                "toolshed-github": {
                  "httpUrl": "http://127.0.0.1:40123/mcp"
                }
              }
            }

            """, afterAdd);
        Assert.Equal("""
            {
              "theme": "Default",
              "selectedAuthType": "oauth-personal",
              "mcpServers": {}
            }

            """, afterRemove);
    }

    [Fact]
    public async Task RegisterRunRemove_LmStudioWithServer_AddsUrlEntryThenRestoresFile()
    {
        const string initial = "{\r\n  \"mcpServers\": {\r\n    \"hf\": {\r\n      \"url\": \"https://huggingface.co/mcp\"\r\n    }\r\n  }\r\n}";
        const string expected = "{\r\n  \"mcpServers\": {\r\n    \"hf\": {\r\n      \"url\": \"https://huggingface.co/mcp\"\r\n    },\r\n"
            + "    \"toolshed-github\": {\r\n      \"url\": \"http://127.0.0.1:40123/mcp\"\r\n    }\r\n  }\r\n}";
        await ClientRoundTrip.AssertAsync("lm-studio", initial, expected);
    }

    [Fact]
    public async Task RegisterRunRemove_OpencodeWithRemoteServer_AddsRemoteEntryThenRestoresFile()
    {
        const string initial = """
            {
              "$schema": "https://opencode.ai/config.json",
              "theme": "opencode",
              "mcp": {
                "jira": {
                  "type": "remote",
                  "url": "https://jira.example.com/mcp",
                  "enabled": true
                }
              }
            }

            """;
        const string expected = """
            {
              "$schema": "https://opencode.ai/config.json",
              "theme": "opencode",
              "mcp": {
                "jira": {
                  "type": "remote",
                  "url": "https://jira.example.com/mcp",
                  "enabled": true
                },
                "toolshed-github": {
                  "type": "remote",
                  "url": "http://127.0.0.1:40123/mcp",
                  "enabled": true
                }
              }
            }

            """;
        await ClientRoundTrip.AssertAsync("opencode", initial, expected);
    }
}
