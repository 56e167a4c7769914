using System.Diagnostics;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Cli;

/// <summary>
/// A real terminal for full-screen verbs: a detached tmux session of a fixed size on its own server socket, running
/// one command; the test reads the screen (capture-pane) and types keys (send-keys). Fails, never skips, without tmux.
/// </summary>
internal sealed class TmuxTerminal : IAsyncDisposable
{
    public const string Executable = "/usr/bin/tmux";
    private static readonly TimeSpan s_commandTimeout = TimeSpan.FromSeconds(20);

    private readonly string _socket;

    private TmuxTerminal(string socket) => _socket = socket;

    /// <summary>Starts <paramref name="command"/> (a shell line) in a 160×40 terminal with <paramref name="environment"/>.
    /// When it ends, the pane prints "EXITED &lt;code&gt;" and stays, so the test can read how it ended.</summary>
    public static async Task<TmuxTerminal> StartAsync(string command, IReadOnlyDictionary<string, string> environment)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"The terminal tests need tmux at {Executable}: `apt-get install tmux` (scripts/test installs it).");
        }

        var terminal = new TmuxTerminal(Path.Combine(Path.GetTempPath(), $"toolshed-tmux-{Guid.NewGuid():N}"));
        var exports = string.Concat(environment.Select(e => $"export {e.Key}='{e.Value.Replace("'", "'\\''", StringComparison.Ordinal)}'; "));
        await terminal.RunAsync("new-session", "-d", "-x", "160", "-y", "40", "-s", "t", $"{exports}{command}; echo EXITED $?; sleep 600");
        return terminal;
    }

    /// <summary>What the terminal shows now, line by line.</summary>
    public Task<string> ScreenAsync() => RunAsync("capture-pane", "-p", "-t", "t");

    public Task SendKeysAsync(string keys) => RunAsync("send-keys", "-t", "t", keys);

    /// <summary>Waits until the screen satisfies <paramref name="condition"/>; fails with the last screen otherwise.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> condition, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        var screen = "";
        while (watch.Elapsed < timeout)
        {
            screen = await ScreenAsync();
            if (condition(screen))
            {
                return screen;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"The terminal did not show {what} within {timeout.TotalSeconds:0} s. Its screen:\n{screen}");
    }

    private async Task<string> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-S");
        start.ArgumentList.Add(_socket);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(s_commandTimeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"tmux {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync("kill-server");
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        File.Delete(_socket);
    }
}
