using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Toolshed.Core.Configuration;
using Toolshed.Proxy.Telemetry;
using Toolshed.Server.Api.Auth;

namespace Toolshed.Server.Telemetry;

/// <summary>
/// Wires the daemon's OpenTelemetry: the MCP spans and metrics of every endpoint, ASP.NET Core and HttpClient
/// instrumentation, and the exporters asked for (OTLP/HTTP, the Prometheus listener). With neither asked for, no SDK
/// runs: the endpoints' instruments cost one check each, and `shed top` still has its figures (kept apart, in memory).
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    private const string TracesExporter = "toolshed-traces";
    private const string MetricsExporter = "toolshed-metrics";

    public static IServiceCollection AddToolshedTelemetry(this IServiceCollection services, TelemetrySettings settings, ToolshedPaths paths)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton(new TelemetryOptions { RecordArguments = settings.RecordArguments });
        services.AddSingleton<DaemonMetrics>();
        services.AddSingleton<EgressDenialWatcher>();
        services.AddSingleton<Clients.IWorkloadEvents>(provider => provider.GetRequiredService<EgressDenialWatcher>());
        services.AddSingleton<OtlpHeaders>();
        services.AddSingleton<Clients.IWorkloadEvents, StatsRetention>();
        if (!settings.ExportsMetrics && !settings.ExportsTraces)
        {
            return services;
        }

        var otel = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("toolshed", serviceVersion: Toolshed.Server.Api.SystemEndpoints.ProductVersion));
        if (settings.OtlpEndpoint is { } endpoint)
        {
            foreach (var name in (string[])[TracesExporter, MetricsExporter])
            {
                services.AddOptions<OtlpExporterOptions>(name).Configure<OtlpHeaders>((options, headers) => options.Headers = headers.Value);
            }

            otel.WithTracing(tracing => tracing
                .AddSource(McpSemanticConventions.SourceName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(settings.Sampling)))
                .AddOtlpExporter(TracesExporter, options => Point(options, endpoint, "v1/traces")));
        }

        otel.WithMetrics(metrics =>
        {
            metrics.AddMeter(McpSemanticConventions.SourceName, DaemonMetrics.MeterName);
            if (settings.OtlpEndpoint is { } metricsEndpoint)
            {
                metrics.AddOtlpExporter(MetricsExporter, options => Point(options, metricsEndpoint, "v1/metrics"));
            }

            if (settings.MetricsAddress is not null)
            {
                metrics.AddPrometheusExporter();
            }
        });

        if (settings.MetricsAddress is { } address && TelemetrySettingsRules.TryParseAddress(address, out var listen))
        {
            services.AddHostedService(provider => new PrometheusListener(
                listen,
                new ApiToken(ApiTokenFile.LoadOrCreate(paths.MetricsTokenPath, out _), paths.MetricsTokenPath),
                provider.GetRequiredService<MeterProvider>(),
                provider.GetRequiredService<ILoggerFactory>()));
        }

        return services;
    }

    private static void Point(OtlpExporterOptions options, Uri endpoint, string signal)
    {
        options.Protocol = OtlpExportProtocol.HttpProtobuf;
        options.Endpoint = new Uri(endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/"), signal);
    }
}
