using System.Globalization;
using Toolshed.EndToEnd.Tests.Cli;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Telemetry;

/// <summary>
/// `shed serve`'s telemetry flags as the built shed checks them, before any daemon runs: a bad value is a usage error
/// (exit 2) that names the flag; an --otel-headers secret the store lacks stops the start with a sentence that names
/// the secret and how to add it, and leaves no daemon behind. No Docker is needed: nothing gets as far as the engine.
/// </summary>
public sealed class TelemetryFlagsTests : IDisposable
{
    private readonly TemporaryDirectory _home = new("toolshed-tel-flags");

    public void Dispose() => _home.Dispose();

    [Theory]
    [InlineData("--otel-sampling", new[] { "--otel-sampling", "2" })]
    [InlineData("--otel-sampling", new[] { "--otel-endpoint", "http://127.0.0.1:9/", "--otel-sampling", "NaN" })]
    [InlineData("--metrics-address", new[] { "--metrics-address", "nonsense" })]
    [InlineData("--metrics-address", new[] { "--metrics-address", "127.0.0.1" })]
    [InlineData("--otel-headers", new[] { "--otel-headers", "x" })]
    [InlineData("--otel-endpoint", new[] { "--otel-endpoint", "ftp://127.0.0.1/" })]
    [InlineData("--otel-endpoint", new[] { "--otel-endpoint", "not a url" })]
    public async Task Serve_BadTelemetryFlag_ExitsTwoNamingTheFlag(string flag, string[] arguments)
    {
        var port = DaemonProcess.FreePort();

        var serve = await ShedDll.RunAsync(Environment, ["serve", "--port", port.ToString(CultureInfo.InvariantCulture), .. arguments]);

        Assert.True(serve.ExitCode == 2, serve.ToString());
        Assert.Contains(flag, serve.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", serve.Stderr, StringComparison.Ordinal);
        Assert.False(await AnswersAsync(port), $"something answers on 127.0.0.1:{port} after a refused serve");
    }

    [Fact]
    public async Task Serve_OtelHeadersSecretMissing_FailsNamingTheSecretAndLeavesNoDaemon()
    {
        var port = DaemonProcess.FreePort();

        var serve = await ShedDll.RunAsync(
            Environment,
            "serve", "--port", port.ToString(CultureInfo.InvariantCulture),
            "--otel-endpoint", "http://127.0.0.1:9/", "--otel-headers", "tel-missing-secret");

        Assert.True(serve.ExitCode != 0, serve.ToString());
        Assert.Contains("tel-missing-secret", serve.Stderr, StringComparison.Ordinal);
        Assert.Contains("shed secret set tel-missing-secret", serve.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", serve.Stderr, StringComparison.Ordinal);
        Assert.False(await AnswersAsync(port), $"something answers on 127.0.0.1:{port} after a refused serve");
        Assert.False(File.Exists(Path.Combine(_home.Path, "state", "daemon.json")), "a daemon.json outlived the failed start");
        var status = await ShedDll.RunAsync(Environment, "daemon", "status", "--format", "json");
        Assert.True(status.ExitCode == 1, status.ToString());
        Assert.Contains("\"running\": false", status.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_MetricsAddressTaken_FailsNamingTheMetricsAddressAndLeavesNoDaemon()
    {
        var port = DaemonProcess.FreePort();
        using var holder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        holder.Start();
        var taken = ((System.Net.IPEndPoint)holder.LocalEndpoint).Port;

        var serve = await ShedDll.RunAsync(
            Environment, "serve", "--port", port.ToString(CultureInfo.InvariantCulture), "--metrics-address", $"127.0.0.1:{taken}");

        Assert.True(serve.ExitCode == 1, serve.ToString());
        Assert.Contains($"cannot serve metrics on 127.0.0.1:{taken}", serve.Stderr, StringComparison.Ordinal);
        Assert.Contains("--metrics-address", serve.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("--port", serve.Stderr, StringComparison.Ordinal);
        Assert.False(await AnswersAsync(port), $"something answers on 127.0.0.1:{port} after a refused serve");
    }

    /// <summary>Whether an HTTP server answers on the port (the refused daemon's would have).</summary>
    private static async Task<bool> AnswersAsync(int port)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/health"), TestContext.Current.CancellationToken);
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private Dictionary<string, string> Environment => new() { ["TOOLSHED_HOME"] = _home.Path };
}
