using System.Diagnostics;
using System.Globalization;
using Toolshed.Proxy.Tests.Support;

namespace Toolshed.Proxy.Tests.Upstream;

/// <summary>The everything-server as an HTTP server on a port chosen by the test, so it can be restarted in place.</summary>
internal sealed class EverythingOnPort : IAsyncDisposable
{
    private readonly Process _process;

    private EverythingOnPort(Process process) => _process = process;

    public static async Task<EverythingOnPort> StartAsync(string mode, int port)
    {
        var startInfo = new ProcessStartInfo("node")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(TestServers.EverythingEntryPoint);
        startInfo.ArgumentList.Add(mode);
        var portText = port.ToString(CultureInfo.InvariantCulture);
        startInfo.Environment["PORT"] = portText;

        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = startInfo };
        DataReceivedEventHandler onLine = (_, e) =>
        {
            if (e.Data is { } line && line.Contains(portText, StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        };
        process.ErrorDataReceived += onLine;
        process.OutputDataReceived += onLine;
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var server = new EverythingOnPort(process);
        try
        {
            await listening.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
