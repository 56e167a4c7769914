using System.Globalization;
using Toolshed.Testing.Telemetry;

namespace Toolshed.EndToEnd.Tests.Telemetry.Support;

/// <summary>
/// Pins what the OpenTelemetry Prometheus exporter (1.20.1-beta.1, default translation) makes of the daemon's
/// instruments once Prometheus 2.42 stored them: the daemon's PromQL must use these names. Prometheus asks for
/// OpenMetrics, so the exporter answers in it: counters and histograms come with a <c>_created</c> series, every series
/// carries <c>otel_scope_name</c>, the resource is one <c>target_info</c> series, and <c>le</c> reads "5.0", not "5".
/// </summary>
public sealed class PrometheusExporterNamesTests
{
    private const string Token = "metrics-token-for-tests";

    [Fact]
    public async Task Scrape_CounterAndSecondsHistogram_StoredUnderTranslatedNames()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await MeteredApp.StartAsync(Token, ct);
        app.Calls.Add(2);
        app.Duration.Record(0.004);
        app.Duration.Record(0.2);
        app.Duration.Record(3);
        await using var prometheus = await PrometheusServer.StartAsync(PrometheusScrapeTarget.At(app.MetricsUrl, Token), ct);

        await prometheus.WaitForAsync("mcp_server_operation_duration_seconds_count", found => found.Count == 1, TimeSpan.FromSeconds(30), ct);
        var series = await prometheus.QueryAsync("{job=\"toolshed\"}", ct);

        Assert.Equal(
            [
                "mcp_server_operation_duration_seconds_bucket",
                "mcp_server_operation_duration_seconds_count",
                "mcp_server_operation_duration_seconds_created",
                "mcp_server_operation_duration_seconds_sum",
                "scrape_duration_seconds",
                "scrape_samples_post_metric_relabeling",
                "scrape_samples_scraped",
                "scrape_series_added",
                "target_info",
                "toolshed_mcp_calls_created",
                "toolshed_mcp_calls_total",
                "up",
            ],
            series.Select(sample => sample.Name).Distinct().Order(StringComparer.Ordinal));
        var calls = Assert.Single(await prometheus.QueryAsync("toolshed_mcp_calls_total", ct));
        Assert.Equal(2, calls.Value);
        Assert.Equal(app.MeterName, calls.Labels["otel_scope_name"]);
        Assert.Equal(3, Assert.Single(await prometheus.QueryAsync("mcp_server_operation_duration_seconds_count", ct)).Value);

        // Without bucket advice the SDK's default boundaries (meant for milliseconds) apply: a seconds histogram
        // needs explicit boundaries (InstrumentAdvice or a View) to be of any use.
        var bounds = (await prometheus.QueryAsync("mcp_server_operation_duration_seconds_bucket", ct))
            .Select(sample => sample.Labels["le"])
            .OrderBy(le => le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture));
        Assert.Equal(
            ["0.0", "5.0", "10.0", "25.0", "50.0", "75.0", "100.0", "250.0", "500.0", "750.0", "1000.0", "2500.0", "5000.0", "7500.0", "10000.0", "+Inf"],
            bounds);
        Assert.Equal(3, Assert.Single(await prometheus.QueryAsync("mcp_server_operation_duration_seconds_bucket{le=\"5.0\"}", ct)).Value);
    }
}
