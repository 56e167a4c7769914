using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Toolshed.Testing.Telemetry;

/// <summary>
/// A real Prometheus — Debian's <c>prometheus</c> (2.42), which scripts/test installs — on a free port of 127.0.0.1
/// with a config of its own (one scrape job, <see cref="PrometheusScrapeTarget"/>) and its own TSDB directory, both
/// deleted on dispose (which kills the process).
/// <para>
/// Use: <c>await using var prometheus = await PrometheusServer.StartAsync(PrometheusScrapeTarget.At(metricsUrl, token), ct);</c>
/// then <c>await prometheus.WaitForAsync("toolshed_mcp_calls_total", samples =&gt; samples.Sum(s =&gt; s.Value) == 3,
/// TimeSpan.FromSeconds(30), ct)</c>. Timing: Prometheus hands a new target to its scrape loop only on its 5-second
/// discovery tick, so the first scrape comes about 5 s after start (then one per <see cref="PrometheusScrapeTarget.ScrapeInterval"/>):
/// give waits 30 s. Waits poll the HTTP API (Prometheus has nothing to subscribe to) on a <see cref="PeriodicTimer"/>;
/// their timeout message carries the last result, the targets' health and last errors, and the server's log.
/// </para>
/// <para>
/// Names: the OpenTelemetry Prometheus exporter turns dots into underscores, adds the unit (<c>s</c> becomes
/// <c>_seconds</c>; a <c>{call}</c> annotation is dropped) and <c>_total</c> for counters — so <c>toolshed.mcp.calls</c>
/// is <c>toolshed_mcp_calls_total</c> and <c>mcp.server.operation.duration</c> is
/// <c>mcp_server_operation_duration_seconds_bucket</c>/<c>_sum</c>/<c>_count</c>; every series carries
/// <c>otel_scope_name</c>, and Prometheus 2.42 also stores the OpenMetrics <c>_created</c> series
/// (PrometheusExporterNamesTests in Toolshed.EndToEnd.Tests pins all of it).
/// </para>
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private const string ReadyLine = "Server is ready to receive web requests.";
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(250);

    private readonly Process _process;
    private readonly TemporaryDirectory _directory;
    private readonly ConcurrentQueue<string> _output;
    private readonly HttpClient _http;

    private PrometheusServer(Process process, TemporaryDirectory directory, ConcurrentQueue<string> output, int port)
    {
        _process = process;
        _directory = directory;
        _output = output;
        BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        _http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>http://127.0.0.1:PORT/ — the web UI and the HTTP API.</summary>
    public Uri BaseAddress { get; }

    /// <summary>What the server logged so far (it logs to stderr), for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    public static async Task<PrometheusServer> StartAsync(PrometheusScrapeTarget target, CancellationToken cancellationToken)
    {
        var executable = Executables.FindOnPath("prometheus")
            ?? throw new InvalidOperationException(
                "These tests need a real Prometheus: install Debian's prometheus (apt-get install prometheus); scripts/test does.");
        var directory = new TemporaryDirectory("toolshed-prometheus");
        var port = DaemonProcess.FreePort();
        var config = directory.Combine("prometheus.yml");
        await File.WriteAllTextAsync(config, await ConfigAsync(target, directory, cancellationToken), cancellationToken);

        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add($"--config.file={config}");
        start.ArgumentList.Add($"--storage.tsdb.path={directory.Combine("data")}");
        start.ArgumentList.Add($"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var output = new ConcurrentQueue<string>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        DataReceivedEventHandler onLine = (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            output.Enqueue(e.Data);
            if (e.Data.Contains(ReadyLine, StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        process.OutputDataReceived += onLine;
        process.ErrorDataReceived += onLine;
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"prometheus exited at start:\n{string.Join('\n', output)}"));
        var server = new PrometheusServer(process, directory, output, port);
        try
        {
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await ready.Task.WaitAsync(s_startTimeout, cancellationToken);
            using var probe = await server._http.GetAsync(new Uri("-/ready", UriKind.Relative), cancellationToken);
            if (probe.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"prometheus logged ready but /-/ready answered {(int)probe.StatusCode}:\n{server.Output}");
            }

            return server;
        }
        catch (TimeoutException)
        {
            var log = server.Output;
            await server.DisposeAsync();
            throw new TimeoutException($"prometheus was not ready within {s_startTimeout.TotalSeconds} s:\n{log}");
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>An instant query (/api/v1/query) at the current time: its vector's samples, or a scalar as one sample.</summary>
    public async Task<IReadOnlyList<PrometheusSample>> QueryAsync(string promql, CancellationToken cancellationToken)
    {
        var root = await GetJsonAsync("api/v1/query?query=" + Uri.EscapeDataString(promql), cancellationToken);
        return PrometheusApi.ReadQueryResult(promql, root);
    }

    /// <summary>
    /// Repeats <paramref name="promql"/> until <paramref name="until"/> holds for its samples; returns them. A query
    /// Prometheus refuses (bad PromQL) fails at once.
    /// </summary>
    public async Task<IReadOnlyList<PrometheusSample>> WaitForAsync(
        string promql, Func<IReadOnlyList<PrometheusSample>, bool> until, TimeSpan timeout, CancellationToken cancellationToken)
    {
        IReadOnlyList<PrometheusSample> last = [];
        var reached = await PollAsync(
            async token =>
            {
                last = await QueryAsync(promql, token);
                return until(last);
            },
            timeout,
            cancellationToken);
        if (!reached)
        {
            throw new TimeoutException(await DescribeAsync(
                $"PromQL `{promql}` did not satisfy the condition within {timeout.TotalSeconds} s. Last result ({last.Count}):"
                + string.Concat(last.Select(sample => "\n  " + sample))));
        }

        return last;
    }

    /// <summary>The active scrape targets (/api/v1/targets): health and last error of each. Empty before the first discovery tick.</summary>
    public async Task<IReadOnlyList<PrometheusTarget>> TargetsAsync(CancellationToken cancellationToken) =>
        PrometheusApi.ReadTargets(await GetJsonAsync("api/v1/targets?state=active", cancellationToken));

    /// <summary>The first active target that <paramref name="until"/> accepts, once one does (e.g. <c>t =&gt; t.IsUp</c>).</summary>
    public async Task<PrometheusTarget> WaitForTargetAsync(Func<PrometheusTarget, bool> until, TimeSpan timeout, CancellationToken cancellationToken)
    {
        PrometheusTarget? found = null;
        var reached = await PollAsync(
            async token =>
            {
                found = (await TargetsAsync(token)).FirstOrDefault(until);
                return found is not null;
            },
            timeout,
            cancellationToken);
        if (!reached || found is null)
        {
            throw new TimeoutException(await DescribeAsync($"No scrape target satisfied the condition within {timeout.TotalSeconds} s."));
        }

        return found;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
        finally
        {
            _process.Dispose();
            _http.Dispose();
            _directory.Dispose();
        }
    }

    private static async Task<string> ConfigAsync(PrometheusScrapeTarget target, TemporaryDirectory directory, CancellationToken cancellationToken)
    {
        var interval = ((long)target.ScrapeInterval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
        var authorization = "";
        if (target.BearerToken is { } token)
        {
            var credentials = directory.Combine("bearer-token");
            // The directory is mkdtemp's (owner-only), so the token is readable by this user alone.
            await File.WriteAllTextAsync(credentials, token, cancellationToken);
            authorization = $"""

                    authorization:
                      type: Bearer
                      credentials_file: {Quoted(credentials)}
                """;
        }

        // JSON strings are valid YAML flow scalars: quoting them so keeps any character of a path or address literal.
        return $"""
            global:
              scrape_interval: {interval}
              scrape_timeout: {interval}
              evaluation_interval: {interval}
            scrape_configs:
              - job_name: {Quoted(target.JobName)}
                metrics_path: {Quoted(target.MetricsPath)}
                scheme: http
                static_configs:
                  - targets: [{Quoted(target.Address)}]{authorization}

            """;
    }

    private static string Quoted(string value) => "\"" + JsonEncodedText.Encode(value).Value + "\"";

    private static async Task<bool> PollAsync(Func<CancellationToken, Task<bool>> probe, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        using var timer = new PeriodicTimer(s_pollInterval);
        try
        {
            do
            {
                if (await probe(limit.Token))
                {
                    return true;
                }
            }
            while (await timer.WaitForNextTickAsync(limit.Token));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }

        return false;
    }

    private async Task<JsonElement> GetJsonAsync(string relative, CancellationToken cancellationToken)
    {
        // The API answers errors (400 bad_data, 422 execution) with the same JSON envelope: read it whatever the status.
        using var response = await _http.GetAsync(new Uri(relative, UriKind.Relative), cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        return document.RootElement.Clone();
    }

    private async Task<string> DescribeAsync(string what)
    {
        string targets;
        try
        {
            targets = string.Concat((await TargetsAsync(CancellationToken.None)).Select(target => "\n  " + target));
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or InvalidOperationException)
        {
            targets = " (not readable: " + ex.Message + ")";
        }

        var log = _output.ToArray();
        return $"{what}\nTargets:{(targets.Length == 0 ? " none yet" : targets)}\nPrometheus log (last 20 lines):\n"
            + string.Join('\n', log.TakeLast(20));
    }
}
