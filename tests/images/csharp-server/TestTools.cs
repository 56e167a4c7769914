using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Toolshed.TestMcpServer;

/// <summary>Tools that let tests provoke exactly the behaviour they want to observe.</summary>
[McpServerToolType]
public sealed class TestTools
{
    [McpServerTool(Name = "echo"), Description("Returns the message unchanged.")]
    public static string Echo(string message) => message;

    [McpServerTool(Name = "sleep"), Description("Waits the given number of milliseconds, then answers.")]
    public static async Task<string> SleepAsync(int milliseconds, CancellationToken cancellationToken)
    {
        await Task.Delay(milliseconds, cancellationToken);
        return $"slept {milliseconds} ms";
    }

    [McpServerTool(Name = "progress"), Description("Sends the given number of progress notifications, then answers.")]
    public static async Task<string> ProgressAsync(
        int count,
        IProgress<ProgressNotificationValue> progress,
        CancellationToken cancellationToken)
    {
        for (var i = 1; i <= count; i++)
        {
            progress.Report(new ProgressNotificationValue { Progress = i, Total = count, Message = $"step {i}" });
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
        }

        return $"sent {count} progress notifications";
    }

    [McpServerTool(Name = "payload"), Description("Returns a text of exactly the given number of bytes ('x' repeated).")]
    public static string Payload(int bytes) => new('x', bytes);

    [McpServerTool(Name = "junk"), Description("Writes a line that is not JSON to stdout, then answers.")]
    public static string Junk()
    {
        using var stdout = Console.OpenStandardOutput();
        var line = "this line is not JSON-RPC\n"u8;
        stdout.Write(line);
        stdout.Flush();
        return "wrote a junk line";
    }

    [McpServerTool(Name = "env_names"), Description("Lists the names (never the values) of the environment variables.")]
    public static string EnvNames()
    {
        var names = Environment.GetEnvironmentVariables().Keys.Cast<object>()
            .Select(key => key.ToString()!)
            .Order(StringComparer.Ordinal);
        return string.Join('\n', names);
    }

    [McpServerTool(Name = "exit"), Description("Ends the server process at once with the given exit code.")]
    public static string Exit(int code)
    {
        Console.Error.WriteLine($"toolshed-test-server: exiting with code {code}");
        Environment.Exit(code);
        return "unreachable";
    }

    [McpServerTool(Name = "stderr"), Description("Writes the message to stderr, then answers.")]
    public static string Stderr(string message)
    {
        Console.Error.WriteLine(message);
        return "written to stderr";
    }

}
