using Toolshed.Clients;

namespace Toolshed.Clients.Tests;

/// <summary>
/// Seeded mutations of real-looking client configs (bytes dropped, duplicated, swapped for JSON/YAML/TOML punctuation):
/// every editor either edits or refuses with a <see cref="ConfigParseException"/>; nothing else escapes, nothing hangs.
/// </summary>
public sealed class ConfigEditorFuzzTests
{
    private const int Cases = 1500;
    private static readonly string s_punctuation = "{}[]\":,/*\\\n#=-' \t\u00e9\uFEFF";

    public static TheoryData<string> Editors => ["jsonc", "yaml", "toml"];

    [Theory]
    [MemberData(nameof(Editors))]
    public void Upsert_MutatedConfig_EditsOrRefusesCleanly(string format)
    {
        var (editor, location, seed) = Subject(format);
        var entry = McpClientCatalog.Find("cursor")!.EntryFor(new WorkloadEndpoint("github", 40123), StdioBridge.Default);
        var random = new Random(20261203);
        var refused = 0;
        for (var i = 0; i < Cases; i++)
        {
            var text = Mutate(seed, random);
            try
            {
                var edited = editor.Upsert(text, location, entry);
                Assert.True(editor.EntryNames(edited, location).Contains(entry.Name), $"the entry is missing after editing:\n{text}\n---\n{edited}");
            }
            catch (ConfigParseException ex)
            {
                Assert.False(string.IsNullOrWhiteSpace(ex.Message));
                refused++;
            }
        }

        // The mutations are meant to break files: most must be refused, and some must still edit.
        Assert.InRange(refused, Cases / 10, Cases - 1);
    }

    private static (IConfigEditor Editor, ConfigLocation Location, string Seed) Subject(string format) => format switch
    {
        "jsonc" => (new JsoncConfigEditor(), new(["mcpServers"]),
            "{\n  // servers\n  \"mcpServers\": {\n    \"fetch\": { \"command\": \"uvx\", \"args\": [\"mcp-server-fetch\"], },\n    /* b */ \"b\": 1\n  },\n  \"theme\": \"dark\"\n}\n"),
        "yaml" => (new YamlConfigEditor(), new(["extensions"]),
            "# goose\nextensions:\n  fetch:\n    cmd: uvx\n    args:\n      - mcp-server-fetch\n    enabled: true\nmodel: o3\n"),
        _ => (new TomlConfigEditor(), new(["mcp_servers"]),
            "model = \"o3\"\n\n[mcp_servers.fetch]\ncommand = \"uvx\"\nargs = [\"mcp-server-fetch\"]\n\n[profile]\nx = 1\n"),
    };

    private static string Mutate(string seed, Random random)
    {
        var chars = new List<char>(seed);
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits && chars.Count > 0; e++)
        {
            var at = random.Next(chars.Count);
            switch (random.Next(3))
            {
                case 0:
                    chars.RemoveAt(at);
                    break;
                case 1:
                    chars.Insert(at, s_punctuation[random.Next(s_punctuation.Length)]);
                    break;
                default:
                    chars[at] = s_punctuation[random.Next(s_punctuation.Length)];
                    break;
            }
        }

        return new string([.. chars]);
    }
}
