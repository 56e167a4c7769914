using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace Toolshed.EndToEnd.Tests.Telemetry.Support;

/// <summary>
/// A tiny real Kestrel app shaped like the daemon's metrics side: a Meter with a counter <c>toolshed.mcp.calls</c>
/// (unit <c>{call}</c>) and a histogram <c>mcp.server.operation.duration</c> (unit <c>s</c>), exported by the
/// OpenTelemetry Prometheus AspNetCore exporter's scraping endpoint at /metrics behind a bearer-token check. Its
/// Meter's name is unique to the instance, so apps of tests running side by side never see each other's values.
/// </summary>
internal sealed class MeteredApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Meter _meter;
    private int _refused;

    private MeteredApp(WebApplication app, Meter meter, Uri metricsUrl)
    {
        _app = app;
        _meter = meter;
        MetricsUrl = metricsUrl;
        Calls = meter.CreateCounter<long>("toolshed.mcp.calls", "{call}", "MCP calls answered");
        Duration = meter.CreateHistogram<double>("mcp.server.operation.duration", "s", "MCP operation duration");
    }

    public Uri MetricsUrl { get; }

    /// <summary>The Meter's name: the otel_scope_name label of every series the app exports.</summary>
    public string MeterName => _meter.Name;

    public Counter<long> Calls { get; }

    public Histogram<double> Duration { get; }

    /// <summary>Scrapes refused for a missing or wrong bearer token.</summary>
    public int RefusedScrapes => Volatile.Read(ref _refused);

    public static async Task<MeteredApp> StartAsync(string bearerToken, CancellationToken cancellationToken)
    {
        var meter = new Meter("SelfTest.Metered." + Guid.NewGuid().ToString("N"));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(meter.Name).AddPrometheusExporter());
        var app = builder.Build();
        MeteredApp? metered = null;
        var expected = "Bearer " + bearerToken;
        app.MapPrometheusScrapingEndpoint(
            "/metrics",
            meterProvider: null,
            configureBranchedPipeline: branch => branch.Use(async (http, next) =>
            {
                if (http.Request.Headers.Authorization.ToString() != expected)
                {
                    if (metered is not null)
                    {
                        Interlocked.Increment(ref metered._refused);
                    }

                    http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    http.Response.Headers.WWWAuthenticate = "Bearer";
                    return;
                }

                await next(http);
            }),
            optionsName: null);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        metered = new MeteredApp(app, meter, new Uri(address.TrimEnd('/') + "/metrics"));
        return metered;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _meter.Dispose();
    }
}
