namespace Toolshed.Testing;

/// <summary>The images tests/images/build.sh builds (scripts/test builds them before any test runs).</summary>
public static class TestImages
{
    /// <summary>Debian with Node.js and nothing started: for test hosts a test runs beside its workloads.</summary>
    public const string Base = "toolshed-test/base:test";

    public const string Everything = "toolshed-test/everything:test";
    public const string Memory = "toolshed-test/memory:test";
    public const string Filesystem = "toolshed-test/filesystem:test";
    public const string CSharpServer = "toolshed-test/csharp-server:test";

    /// <summary>Debian with Node.js 22 and npm, Python with venv, and Go: what package builds run on in the tests.</summary>
    public const string PackageBase = "toolshed-test/pkg-base:test";

    /// <summary>Where the everything-server's entry point lives inside <see cref="Everything"/>.</summary>
    public const string EverythingEntryPoint = "/opt/mcp/node_modules/@modelcontextprotocol/server-everything/dist/index.js";
}
