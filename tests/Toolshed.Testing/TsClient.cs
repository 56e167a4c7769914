using System.Diagnostics;
using System.Text.Json.Nodes;
using Toolshed.Testing;
using Xunit;

namespace Toolshed.Testing;

/// <summary>Runs a scenario script of tests/clients/ts (the TypeScript MCP SDK) and returns the JSON it printed.</summary>
public static class TsClient
{
    public static async Task<JsonObject> RunAsync(string script, params string[] arguments)
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
        startInfo.ArgumentList.Add(Path.Combine(directory, script));
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
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
        var lastLine = output.Split('\n')[^1];
        var result = JsonNode.Parse(lastLine.Length > 0 ? lastLine : "{}") as JsonObject;
        if (result is null || result.ContainsKey("error") || process.ExitCode != 0)
        {
            Assert.Fail($"node {script} failed ({process.ExitCode}): {output}\n{await stderr}");
        }

        return result!;
    }
}
