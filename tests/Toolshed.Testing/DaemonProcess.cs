using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Toolshed.Testing;

/// <summary>
/// The real `shed serve` as a separate process (the shed.dll next to the test assembly), on a free port of
/// 127.0.0.1 with its own TOOLSHED_HOME. Tests can kill it with SIGKILL and start another on the same home.
/// </summary>
public sealed class DaemonProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringWriterSink _output = new();

    private readonly string _home;

    private DaemonProcess(Process process, int port, string home)
    {
        _process = process;
        _home = home;
        Port = port;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(120) };
    }

    public int Port { get; }

    public int ProcessId => _process.Id;

    public HttpClient Client { get; }

    /// <summary>Everything the daemon printed so far (stdout and stderr).</summary>
    public string Output => _output.ToString();

    public static Task<DaemonProcess> StartAsync(string home, int port = 0, CancellationToken cancellationToken = default) =>
        StartAsync(home, port, new Dictionary<string, string>(), cancellationToken);

    /// <summary>As above, with more environment variables for the daemon (e.g. its own HOME).</summary>
    public static Task<DaemonProcess> StartAsync(
        string home, int port, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken) =>
        StartAsync(home, port, environment, [], cancellationToken);

    /// <summary>As above, with more arguments for `shed serve` after its --port (e.g. --otel-endpoint URL).</summary>
    public static async Task<DaemonProcess> StartAsync(
        string home, int port, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> serveArguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(serveArguments);
        var shed = Path.Combine(AppContext.BaseDirectory, "shed.dll");
        Assert.True(File.Exists(shed), $"{shed} is missing: the test project must reference Toolshed.Cli.");
        if (port == 0)
        {
            port = FreePort();
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(shed);
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var argument in serveArguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["TOOLSHED_HOME"] = home;
        start.Environment["TOOLSHED_API_URL"] = $"http://127.0.0.1:{port}";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var daemon = new DaemonProcess(process, port, home);
        process.OutputDataReceived += (_, e) => daemon._output.Append(e.Data);
        process.ErrorDataReceived += (_, e) => daemon._output.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await daemon.WaitHealthyAsync(cancellationToken);
            return daemon;
        }
        catch
        {
            await daemon.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, as when the machine or the process dies.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>Open file descriptors of the daemon process.</summary>
    public int OpenFileDescriptors() => Directory.GetFiles($"/proc/{_process.Id}/fd").Length;

    /// <summary>The TCP ports the daemon process itself listens on (its sockets matched against the kernel's table), so
    /// a port another test's process took after the daemon let it go does not count.</summary>
    public IReadOnlySet<int> ListeningPorts() => ProcessListeners.PortsOf(_process.Id);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitHealthyAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (await timer.WaitForNextTickAsync(timeout.Token))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"shed serve exited with {_process.ExitCode}: {Output}");
            }

            try
            {
                using var response = await Client.GetAsync("health", timeout.Token);
                if (response.StatusCode == HttpStatusCode.NoContent)
                {
                    // The daemon writes its token before it listens; every request of Client carries it.
                    var token = Server.Api.Auth.ApiTokenFile.Read(Path.Combine(_home, "state", "api-token"))
                        ?? throw new InvalidOperationException("The daemon answers but wrote no API token.");
                    Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
        }
    }

    private sealed class StringWriterSink
    {
        private readonly System.Text.StringBuilder _text = new();

        public void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_text)
            {
                _text.AppendLine(line);
            }
        }

        public override string ToString()
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }
}
