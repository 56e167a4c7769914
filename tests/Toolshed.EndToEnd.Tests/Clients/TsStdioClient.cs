using System.Diagnostics;
using System.Text.Json.Nodes;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Clients;

/// <summary>Runs tests/clients/ts/stdio-bridge.mjs (the TypeScript SDK's stdio client) and returns the JSON it printed.</summary>
internal static class TsStdioClient
{
    public static async Task<JsonObject> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] command)
    {
        var directory = RepositoryPaths.Combine("tests", "clients", "ts");
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "@modelcontextprotocol", "sdk")))
        {
            Assert.Fail("The TypeScript SDK is not installed: run `npm ci` in tests/clients/ts (scripts/test does).");
        }

        var startInfo = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Path.Combine(directory, "stdio-bridge.mjs"));
        foreach (var part in command)
        {
            startInfo.ArgumentList.Add(part);
        }

        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        using var process = Process.Start(startInfo)!;
        var ct = TestContext.Current.CancellationToken;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromMinutes(2), ct);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        var output = (await stdout).Trim();
        var result = JsonNode.Parse(output.Split('\n')[^1] is { Length: > 0 } last ? last : "{}") as JsonObject;
        if (result is null || result.ContainsKey("error") || process.ExitCode != 0)
        {
            Assert.Fail($"node stdio-bridge.mjs failed ({process.ExitCode}): {output}\n{await stderr}");
        }

        return result!;
    }
}
