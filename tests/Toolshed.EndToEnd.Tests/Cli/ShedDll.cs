using System.Diagnostics;

namespace Toolshed.EndToEnd.Tests.Cli;

/// <summary>
/// Runs the built shed (shed.dll beside the tests) as its own process with only the environment given: no
/// TOOLSHED_API_URL unless a test sets one, so shed finds its daemon the way a user's shell would.
/// </summary>
internal static class ShedDll
{
    public static Task<ShedScript.Result> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "shed.dll"));
        start.Environment.Remove("TOOLSHED_API_URL");
        start.Environment.Remove("TOOLSHED_API_TOKEN");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return CliProcess.RunAsync(start, arguments, TimeSpan.FromMinutes(2));
    }
}
