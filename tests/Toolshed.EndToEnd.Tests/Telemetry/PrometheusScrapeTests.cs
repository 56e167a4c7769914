using System.Net;
using System.Net.Http.Headers;
using Toolshed.EndToEnd.Tests.Servers;
using Toolshed.Testing.Telemetry;

namespace Toolshed.EndToEnd.Tests.Telemetry;

/// <summary>
/// The daemon's Prometheus endpoint as a real Prometheus scrapes it: a real client's tool calls through a stdio proxy
/// are counted under the conventions' labels, and PromQL over Prometheus's HTTP API returns exactly those counts. The
/// endpoint answers only the metrics token, and only on its own address.
/// </summary>
public sealed class PrometheusScrapeTests(MetricsDaemonFixture fixture) : IClassFixture<MetricsDaemonFixture>
{
    private const string Workload = "tel-prom";
    private const int EchoCalls = 5;
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Scrape_EchoCallsAndOneToolError_PromQLReturnsTheirCounts()
    {
        var port = await TelemetryWorkloads.CreateAsync(fixture.Daemon, Workload, Token);
        await using (var client = await McpProbe.ConnectAsync(port))
        {
            for (var i = 0; i < EchoCalls; i++)
            {
                Assert.Equal($"call {i}", await McpProbe.EchoAsync(client, $"call {i}"));
            }

            var failed = await client.CallToolAsync(
                "fail", new Dictionary<string, object?> { ["message"] = "broken on purpose" }, cancellationToken: Token);
            Assert.True(failed.IsError);
        }

        await using var prometheus = await PrometheusServer.StartAsync(PrometheusScrapeTarget.At(fixture.MetricsUrl, fixture.MetricsToken), Token);

        var echo = Labels("echo");
        var fail = Labels("fail");
        await AssertValueAsync(prometheus, $"sum(toolshed_mcp_calls_total{{{echo}}})", EchoCalls);
        await AssertValueAsync(prometheus, $"sum(toolshed_mcp_calls_total{{{fail}}})", 1);
        await AssertValueAsync(prometheus, $"sum(toolshed_mcp_errors_total{{toolshed_workload_name=\"{Workload}\",error_type=\"tool_error\"}})", 1);
        await AssertValueAsync(prometheus, $"sum(toolshed_mcp_errors_total{{toolshed_workload_name=\"{Workload}\"}})", 1);
        // A classic histogram: Prometheus 2.42's histogram_count() reads only native histograms (it returns nothing
        // here), so the count is the _count series and the +Inf bucket.
        await AssertValueAsync(prometheus, $"sum(mcp_server_operation_duration_seconds_count{{{echo}}})", EchoCalls);
        await AssertValueAsync(prometheus, $"sum(mcp_server_operation_duration_seconds_bucket{{{echo},le=\"+Inf\"}})", EchoCalls);
        await AssertValueAsync(prometheus, $"sum(mcp_server_operation_duration_seconds_count{{{fail},error_type=\"tool_error\"}})", 1);
        // The conventions' 14 bucket bounds (0.01 s to 300 s) and +Inf, not the SDK's millisecond defaults.
        await AssertValueAsync(prometheus, $"count(mcp_server_operation_duration_seconds_bucket{{{echo}}})", 15);
        await AssertValueAsync(prometheus, $"count(mcp_server_operation_duration_seconds_bucket{{{echo},le=\"0.01\"}})", 1);
        var target = Assert.Single(await prometheus.TargetsAsync(Token));
        Assert.True(target.IsUp, target.ToString());
    }

    [Theory]
    [InlineData("Bearer not-the-metrics-token")]
    [InlineData("Basic dG9vbHNoZWQ6eA==")]
    [InlineData(null)]
    public async Task Scrape_WithoutTheMetricsToken_Is401(string? authorization)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, fixture.MetricsUrl);
        if (authorization is not null)
        {
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        }

        using var response = await http.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("toolshed_", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_WithTheMetricsToken_IsPrometheusText()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, fixture.MetricsUrl);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.MetricsToken);

        using var response = await http.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("target_info", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiPort_Metrics_IsNotServedEvenToTheMetricsToken()
    {
        using var http = new HttpClient();
        foreach (var token in new[] { fixture.MetricsToken, null })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{fixture.Daemon.Port}/metrics");
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await http.SendAsync(request, Token);

            Assert.False(response.IsSuccessStatusCode, $"the API port answered /metrics with {(int)response.StatusCode}");
            Assert.DoesNotContain("toolshed_", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        }

        // Nor to the API's own token.
        using var withApiToken = await fixture.Daemon.Client.GetAsync("metrics", Token);
        Assert.Equal(HttpStatusCode.NotFound, withApiToken.StatusCode);
    }

    /// <summary>The labels of one tool's calls on this test's workload, as a PromQL label matcher list.</summary>
    private static string Labels(string tool) =>
        $"toolshed_workload_name=\"{Workload}\",gen_ai_tool_name=\"{tool}\",mcp_method_name=\"tools/call\"";

    private static async Task AssertValueAsync(PrometheusServer prometheus, string promql, double expected)
    {
        var samples = await prometheus.WaitForAsync(promql, found => found.Count == 1 && found[0].Value == expected, s_wait, Token);
        Assert.Equal(expected, Assert.Single(samples).Value);
    }
}
