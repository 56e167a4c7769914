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

    [McpServerTool(Name = "meta"), Description("Returns the _meta of its own request as JSON ({} without one).")]
    public static string Meta(RequestContext<CallToolRequestParams> context) => context.Params?.Meta?.ToJsonString() ?? "{}";

    [McpServerTool(Name = "fail"), Description("Answers with a tool error (isError) carrying the message.")]
    public static CallToolResult Fail(string message) => new() { IsError = true, Content = [new TextContentBlock { Text = message }] };

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

    [McpServerTool(Name = "env_value"), Description("Returns the value of one environment variable, or '<unset>'.")]
    public static string EnvValue(string name) => Environment.GetEnvironmentVariable(name) ?? "<unset>";

    [McpServerTool(Name = "fetch"), Description("GETs the URL; answers 'status NNN' or 'error: ...' (never throws).")]
    public static async Task<string> FetchAsync(string url, CancellationToken cancellationToken)
    {
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            using var response = await http.GetAsync(new Uri(url), cancellationToken);
            return $"status {(int)response.StatusCode}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            return $"error: {ex.GetType().Name}: {ex.Message}";
        }
    }

    [McpServerTool(Name = "connect"), Description("Opens a raw TCP connection, ignoring any proxy settings; answers 'connected' or 'error: ...'.")]
    public static async Task<string> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            using var client = new System.Net.Sockets.TcpClient();
            await client.ConnectAsync(host, port, timeout.Token);
            return "connected";
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or OperationCanceledException)
        {
            return $"error: {ex.GetType().Name}: {ex.Message}";
        }
    }

    [McpServerTool(Name = "read_file"), Description("Reads a text file; answers 'content: ...' or 'error: ...'.")]
    public static string ReadFile(string path)
    {
        try
        {
            return "content: " + File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"error: {ex.GetType().Name}: {ex.Message}";
        }
    }

    [McpServerTool(Name = "write_file"), Description("Writes a text file; answers 'written' or 'error: ...'.")]
    public static string WriteFile(string path, string content)
    {
        try
        {
            File.WriteAllText(path, content);
            return "written";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"error: {ex.GetType().Name}: {ex.Message}";
        }
    }

    [McpServerTool(Name = "argv"), Description("Returns the server's command-line arguments as a JSON array, one element per argument.")]
    public static string Argv() => System.Text.Json.JsonSerializer.Serialize(Environment.GetCommandLineArgs()[1..]);

    [McpServerTool(Name = "cap_eff"), Description("Returns the CapEff line of /proc/self/status (effective capabilities).")]
    public static string CapEff() =>
        File.ReadLines("/proc/self/status").FirstOrDefault(line => line.StartsWith("CapEff:", StringComparison.Ordinal)) ?? "CapEff: <missing>";
}
