using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using Toolshed.Server.Api.Auth;

namespace Toolshed.Server.Telemetry;

/// <summary>
/// The Prometheus scrape endpoint (`shed serve --metrics-address`): GET /metrics on a listener of its own, apart from
/// the API, answering only a bearer of the metrics token (<c>&lt;state&gt;/metrics-token</c>), which reads metrics
/// and nothing else. The text is the OpenTelemetry Prometheus exporter's.
/// </summary>
internal sealed partial class PrometheusListener(
    IPEndPoint address, ApiToken token, MeterProvider meterProvider, ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("Toolshed.Telemetry");
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = 0;
            kestrel.Listen(address);
        });
        var app = builder.Build();
        app.Use(async (http, next) =>
        {
            var header = http.Request.Headers.Authorization.ToString();
            if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || !token.Matches(header.AsSpan(7).Trim()))
            {
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                http.Response.Headers.WWWAuthenticate = "Bearer realm=\"toolshed-metrics\"";
                await http.Response.WriteAsync($"A bearer token is required: the one in {token.Path}.\n", http.RequestAborted);
                return;
            }

            await next(http);
        });
        app.UseOpenTelemetryPrometheusScrapingEndpoint(meterProvider, predicate: null, path: "/metrics", configureBranchedPipeline: null, optionsName: null);
        app.Run(http =>
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException ex)
        {
            await app.DisposeAsync();
            throw new Hosting.ListenerBindException(
                $"cannot serve metrics on {address}: {ex.Message} Pick another --metrics-address.", ex);
        }

        _app = app;
        Listening(_logger, address.ToString(), token.Path);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is { } app)
        {
            await app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            await app.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Prometheus metrics at http://{Address}/metrics (bearer token in {TokenPath})")]
    private static partial void Listening(ILogger logger, string address, string tokenPath);
}
