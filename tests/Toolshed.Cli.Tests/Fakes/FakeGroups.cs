namespace Toolshed.Cli.Tests.Fakes;

/// <summary>Group answers as the daemon gives them: 'dev', its members, renames and what it shows, as a test varies them.</summary>
internal static class FakeGroups
{
    /// <summary>A running member and a stopped one whose name has dots.</summary>
    public const string Members = """
        [{"name":"fetch","state":"running","url":"http://127.0.0.1:41001/mcp"},{"name":"github.v2","state":"stopped","url":null}]
        """;

    public const string Renames = """[{"member":"github.v2","name":"search","as":"gh_search"}]""";

    public static string Summary(string name = "dev", string conflicts = "prefix", string members = Members, string renames = Renames, int port = 41234) =>
        $"{{{Fields(name, conflicts, members, renames, port)}}}";

    /// <summary>'dev' with two running members and a removed one, showing <paramref name="tools"/> and one prompt.</summary>
    public static string Details(string conflicts, string tools, string nameConflicts, string unavailable = "{}", string renames = Renames)
    {
        const string ThreeMembers = """
            [{"name":"fetch","state":"running","url":"http://127.0.0.1:41001/mcp"},{"name":"github.v2","state":"running","url":"http://127.0.0.1:41002/mcp"},
             {"name":"gone","state":"missing","url":null}]
            """;
        return $$"""
            {{{Fields("dev", conflicts, ThreeMembers, renames, 41234)}},
             "tools":{{tools}},"prompts":[{"name":"review","member":"github.v2","member_name":"review"}],
             "name_conflicts":{{nameConflicts}},"unavailable":{{unavailable}},"sessions":2,"member_sessions":4}
            """;
    }

    private static string Fields(string name, string conflicts, string members, string renames, int port) => $$"""
        "name":"{{name}}","conflicts":"{{conflicts}}","host":"127.0.0.1","port":{{port}},
        "url":{{Url(port, "mcp")}},"sse_url":{{Url(port, "sse")}},"members":{{members}},"renames":{{renames}}
        """;

    private static string Url(int port, string path) => port == 0 ? "null" : $"\"http://127.0.0.1:{port}/{path}\"";
}
