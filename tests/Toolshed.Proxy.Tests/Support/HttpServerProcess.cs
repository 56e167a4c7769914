using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Toolshed.Proxy.Tests.Support;

/// <summary>The everything-server running as a local HTTP MCP server (sse or streamableHttp) on a free loopback port.</summary>
internal sealed class HttpServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private HttpServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Starts the everything-server in an HTTP mode on <paramref name="port"/> (0: a free one), so a test can
    /// also restart it in place on the same port.</summary>
    public static async Task<HttpServerProcess> StartEverythingAsync(string mode, int port = 0)
    {
        if (port == 0)
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var startInfo = new ProcessStartInfo("node")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(TestServers.EverythingEntryPoint);
        startInfo.ArgumentList.Add(mode);
        startInfo.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = startInfo };
        var portText = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
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
        var server = new HttpServerProcess(process, port);
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
