using System.Diagnostics;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Remote;

/// <summary>
/// The official MCP conformance suite's authorization scenarios, with Toolshed as the client under test
/// (tests/clients/conformance/client.sh: a fresh daemon, `shed run URL`, the browser helper, then an MCP client
/// through the local URL). Each scenario's mock server and authorization server check what Toolshed sends.
/// </summary>
public sealed class ConformanceAuthTests
{
    /// <summary>Every 2025-11-25, 2025-03-26 and draft authorization scenario of conformance 0.1.16 but basic-cimd (it
    /// expects a client that publishes its own https metadata document; see docs/remote.md).</summary>
    public static TheoryData<string> Scenarios =>
    [
        "auth/metadata-default", "auth/metadata-var1", "auth/metadata-var2", "auth/metadata-var3",
        "auth/scope-from-www-authenticate", "auth/scope-from-scopes-supported", "auth/scope-omitted-when-undefined",
        "auth/scope-step-up", "auth/scope-retry-limit",
        "auth/token-endpoint-auth-basic", "auth/token-endpoint-auth-post", "auth/token-endpoint-auth-none",
        "auth/pre-registration", "auth/2025-03-26-oauth-metadata-backcompat", "auth/2025-03-26-oauth-endpoint-fallback",
        "auth/resource-mismatch", "auth/offline-access-scope", "auth/offline-access-not-supported",
    ];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Scenario_ToolshedAsTheClient_Passes(string scenario)
    {
        var directory = RepositoryPaths.Combine("tests", "clients", "conformance");
        var start = new ProcessStartInfo(Path.Combine(directory, "node_modules", "node", "bin", "node"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var argument in new[]
                 {
                     Path.Combine(directory, "node_modules", ".bin", "conformance"), "client",
                     "--command", Path.Combine(directory, "client.sh"), "--scenario", scenario, "--timeout", "90000",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0 && output.Contains("OVERALL: PASSED", StringComparison.Ordinal), $"{scenario} did not pass:\n{output}");
    }
}
