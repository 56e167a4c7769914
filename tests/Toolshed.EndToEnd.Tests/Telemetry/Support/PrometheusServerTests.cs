using Toolshed.Testing.Telemetry;

namespace Toolshed.EndToEnd.Tests.Telemetry.Support;

/// <summary>
/// The test support's real Prometheus against the real OpenTelemetry Prometheus exporter: what it scrapes is what a
/// PromQL query returns, and a scrape the endpoint refuses shows on the target.
/// </summary>
public sealed class PrometheusServerTests
{
    private const string Token = "metrics-token-for-tests";
    private static readonly TimeSpan s_scrapeWait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Query_CounterIncrementedSevenTimes_ReturnsSeven()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await MeteredApp.StartAsync(Token, ct);
        for (var i = 0; i < 7; i++)
        {
            app.Calls.Add(1, new KeyValuePair<string, object?>("mcp.method.name", "tools/call"));
        }

        await using var prometheus = await PrometheusServer.StartAsync(PrometheusScrapeTarget.At(app.MetricsUrl, Token), ct);

        var samples = await prometheus.WaitForAsync("toolshed_mcp_calls_total", found => found.Count == 1, s_scrapeWait, ct);
        var sample = Assert.Single(samples);
        Assert.Equal(7, sample.Value);
        Assert.Equal("toolshed", sample.Labels["job"]);
        Assert.Equal(app.MetricsUrl.Authority, sample.Labels["instance"]);
        Assert.Equal("tools/call", sample.Labels["mcp_method_name"]);
        var target = Assert.Single(await prometheus.TargetsAsync(ct));
        Assert.True(target.IsUp, target.ToString());
        Assert.Equal(0, app.RefusedScrapes);
    }

    [Fact]
    public async Task Targets_WrongBearerToken_DownWith401()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await MeteredApp.StartAsync(Token, ct);
        await using var prometheus = await PrometheusServer.StartAsync(PrometheusScrapeTarget.At(app.MetricsUrl, "not-the-token"), ct);

        var target = await prometheus.WaitForTargetAsync(found => found.LastScrape is not null, s_scrapeWait, ct);

        Assert.Equal("down", target.Health);
        Assert.Contains("401", target.LastError, StringComparison.Ordinal);
        Assert.Equal(app.MetricsUrl.ToString(), target.ScrapeUrl);
        Assert.True(app.RefusedScrapes > 0);
        var up = Assert.Single(await prometheus.QueryAsync("up", ct));
        Assert.Equal(0, up.Value);
    }

    [Fact]
    public async Task QueryAsync_Scalar_ReturnsOneSampleWithoutLabels()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var prometheus = await PrometheusServer.StartAsync(new PrometheusScrapeTarget { Address = "127.0.0.1:9" }, ct);

        var sample = Assert.Single(await prometheus.QueryAsync("1 + 1", ct));

        Assert.Equal(2, sample.Value);
        Assert.Empty(sample.Labels);
    }

    [Fact]
    public async Task QueryAsync_BadPromQL_ThrowsWithPrometheusError()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var prometheus = await PrometheusServer.StartAsync(new PrometheusScrapeTarget { Address = "127.0.0.1:9" }, ct);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => prometheus.QueryAsync("sum(", ct));

        Assert.Contains("bad_data", error.Message, StringComparison.Ordinal);
    }
}
