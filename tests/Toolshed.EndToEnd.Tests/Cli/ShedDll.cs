using System.Diagnostics;

namespace Toolshed.EndToEnd.Tests.Cli;

/// <summary>
/// Runs the built shed (shed.dll beside the tests) as its own process with only the environment given: no
/// TOOLSHED_API_URL unless a test sets one, so shed finds its daemon the way a user's shell would.
/// </summary>
internal static class ShedDll
{
    public static async Task<ShedScript.Result> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "shed.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("TOOLSHED_API_URL");
        start.Environment.Remove("TOOLSHED_API_TOKEN");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new ShedScript.Result(process.ExitCode, await stdout, await stderr);
    }
}
