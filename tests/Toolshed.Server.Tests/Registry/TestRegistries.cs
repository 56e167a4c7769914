namespace Toolshed.Server.Tests.Registry;

/// <summary>Registry documents used by the registry tests.</summary>
internal static class TestRegistries
{
    /// <summary>Two servers: one stdio with an env var and network limits, one over streamable HTTP.</summary>
    public const string Team = """
        {
          "version": "7",
          "last_updated": "2025-06-01T12:00:00Z",
          "servers": {
            "alpha": {
              "description": "Alpha talks to the weather service",
              "image": "example.org/team/alpha:1.2",
              "tools": ["forecast", "radar"],
              "tags": ["weather"],
              "env_vars": [{ "name": "ALPHA_TOKEN", "description": "token", "required": true, "secret": true }],
              "permissions": { "network": { "outbound": { "allow_host": ["api.weather.example"], "allow_port": [443] } } }
            },
            "beta": {
              "description": "Beta over HTTP",
              "image": "example.org/team/beta",
              "transport": "streamable-http",
              "target_port": 8080,
              "tools": ["ping"]
            }
          }
        }
        """;

    public const string BrokenImage = """{"version":"1","servers":{"gamma":{"description":"no image"}}}""";

    public static string WriteFile(Toolshed.Testing.TemporaryDirectory directory, string name, string content)
    {
        var path = directory.Combine(name);
        File.WriteAllText(path, content);
        return path;
    }
}
