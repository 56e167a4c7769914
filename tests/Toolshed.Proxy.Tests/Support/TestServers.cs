using Toolshed.Testing;

namespace Toolshed.Proxy.Tests.Support;

/// <summary>Where the real MCP servers the tests run live, and how to start them as local processes.</summary>
internal static class TestServers
{
    private static readonly string[] s_everythingCandidates =
    [
        RepositoryPaths.Combine("tests", "clients", "ts", "node_modules", "@modelcontextprotocol", "server-everything", "dist", "index.js"),
        RepositoryPaths.Combine("tests", "images", "node-servers", "node_modules", "@modelcontextprotocol", "server-everything", "dist", "index.js"),
    ];

    public static string EverythingEntryPoint => s_everythingCandidates.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException(
            "server-everything is not installed: run `npm ci` in tests/clients/ts (scripts/test does).");

    /// <summary>The C# test server built alongside the tests (a project reference builds it).</summary>
    public static string CSharpServerDll
    {
        get
        {
            var bin = RepositoryPaths.Combine("tests", "images", "csharp-server", "bin");
            var found = Directory.Exists(bin)
                ? new DirectoryInfo(bin).EnumerateFiles("TestMcpServer.dll", SearchOption.AllDirectories)
                    .Where(f => !f.FullName.Contains("/publish/", StringComparison.Ordinal))
                    .OrderByDescending(f => f.LastWriteTimeUtc).FirstOrDefault()
                : null;
            return found?.FullName ?? throw new InvalidOperationException($"TestMcpServer.dll not built under {bin}.");
        }
    }

    public static ProcessStdioChannel StartEverything(params string[] arguments) =>
        ProcessStdioChannel.Start("node", [EverythingEntryPoint, .. arguments]);

    /// <summary>A hand-written server that speaks only MCP 2026-07-28 (tests/clients/ts/modern-only-server.mjs).</summary>
    public static ProcessStdioChannel StartModernOnly() =>
        ProcessStdioChannel.Start("node", [RepositoryPaths.Combine("tests", "clients", "ts", "modern-only-server.mjs")]);

    public static ProcessStdioChannel StartCSharpServer() =>
        ProcessStdioChannel.Start("dotnet", [CSharpServerDll]);
}
