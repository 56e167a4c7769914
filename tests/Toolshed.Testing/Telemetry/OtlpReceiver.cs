using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Toolshed.Testing.Telemetry;

/// <summary>
/// An OTLP/HTTP receiver on a real Kestrel at 127.0.0.1 (a free port): what an OpenTelemetry exporter configured with
/// <c>OtlpExportProtocol.HttpProtobuf</c> talks to. It decodes the real protobuf requests — POST
/// <see cref="TracesEndpoint"/> (ExportTraceServiceRequest) and <see cref="MetricsEndpoint"/>
/// (ExportMetricsServiceRequest), <c>Content-Type: application/x-protobuf</c>, optionally
/// <c>Content-Encoding: gzip</c> — with Google.Protobuf's CodedInputStream into <see cref="ReceivedSpan"/>s and
/// <see cref="ReceivedMetric"/>s, and answers 200 with an empty export response (zero bytes: every field of
/// Export*ServiceResponse is unset). Bodies over <see cref="MaxBodyBytes"/> (on the wire or decompressed) get 413,
/// other content types 415 (OTLP's JSON encoding is not decoded), undecodable bodies 400; every request, answered or
/// refused, is in <see cref="Requests"/>.
/// <para>
/// Use: <c>await using var otlp = await OtlpReceiver.StartAsync(ct);</c>, point the exporter at it, then
/// <c>var span = await otlp.WaitForSpanAsync(s =&gt; s.Name == "tools/call echo", TimeSpan.FromSeconds(30), ct);</c>.
/// Which address to give: <c>AddOtlpExporter(o =&gt; o.Endpoint = ...)</c> with HttpProtobuf takes the signal's full
/// URL (<see cref="TracesEndpoint"/>, <see cref="MetricsEndpoint"/>); <c>UseOtlpExporter(HttpProtobuf, uri)</c> and
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> take <see cref="BaseAddress"/> and append <c>v1/traces</c> themselves.
/// <c>OtlpExportCompression.GZip</c> is decoded too.
/// Waits complete when a matching export arrives (no polling) and time out with a list of what did arrive. The SDK's
/// default batch processor exports every 5 s (<c>OTEL_BSP_SCHEDULE_DELAY</c>, in ms) and the periodic metric reader
/// every 60 s (<c>OTEL_METRIC_EXPORT_INTERVAL</c>): lower those in a daemon under test, and give waits 30 s.
/// </para>
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    /// <summary>The largest body taken, compressed or not: a few MB, well above what one export batch holds.</summary>
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    /// <summary>The name of the receiver's own DiagnosticListener and ActivitySource, which nothing should listen to.</summary>
    public const string UnobservedName = "OtlpReceiver.Unobserved";

    private const string Protobuf = "application/x-protobuf";

    private readonly WebApplication _app;
    private readonly ReceivedLog<ReceivedSpan> _spans = new();
    private readonly ReceivedLog<ReceivedMetric> _metrics = new();
    private readonly ReceivedLog<ReceivedOtlpRequest> _requests = new();
    private Uri? _baseAddress;

    private OtlpReceiver(WebApplication app)
    {
        _app = app;
    }

    /// <summary>http://127.0.0.1:PORT/ — what <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> takes.</summary>
    public Uri BaseAddress => _baseAddress ?? throw new InvalidOperationException("The receiver has not started.");

    /// <summary>http://127.0.0.1:PORT/v1/traces — what <c>OtlpExporterOptions.Endpoint</c> takes for traces.</summary>
    public Uri TracesEndpoint => new(BaseAddress, "v1/traces");

    /// <summary>http://127.0.0.1:PORT/v1/metrics — what <c>OtlpExporterOptions.Endpoint</c> takes for metrics.</summary>
    public Uri MetricsEndpoint => new(BaseAddress, "v1/metrics");

    /// <summary>Every span received so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedSpan> Spans => _spans.Snapshot();

    /// <summary>Every metric of every export received so far, in arrival order (one copy per export).</summary>
    public IReadOnlyList<ReceivedMetric> Metrics => _metrics.Snapshot();

    /// <summary>Every request answered so far, with its status: shows a refused or undecodable export.</summary>
    public IReadOnlyList<ReceivedOtlpRequest> Requests => _requests.Snapshot();

    public static async Task<OtlpReceiver> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Limits.MaxRequestBodySize = MaxBodyBytes;
        });
        // ASP.NET Core hosting traces each request through the DiagnosticListener and ActivitySource it finds in DI,
        // both named "Microsoft.AspNetCore" by default. A daemon hosted in the test process (DaemonHost) with ASP.NET
        // Core instrumentation listens to those names process-wide: it would trace the receiver's handling of each
        // export and export that too, for ever, and its spans would mix with the ones a test waits for. Under names
        // of their own no instrumentation hears them.
        builder.Services.AddSingleton(_ => new DiagnosticListener(UnobservedName));
        builder.Services.AddSingleton(_ => new ActivitySource(UnobservedName));
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.Run(receiver.ServeAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        receiver._baseAddress = new Uri(address.TrimEnd('/') + "/");
        return receiver;
    }

    /// <summary>Every span received, once <paramref name="until"/> holds for them.</summary>
    public Task<IReadOnlyList<ReceivedSpan>> WaitForSpansAsync(
        Func<IReadOnlyList<ReceivedSpan>, bool> until, TimeSpan timeout, CancellationToken cancellationToken) =>
        _spans.WaitAsync(until, timeout, spans => Describe("the spans received did not satisfy the condition", timeout, spans), cancellationToken);

    /// <summary>The first span received that <paramref name="match"/> accepts, once one arrived.</summary>
    public async Task<ReceivedSpan> WaitForSpanAsync(Func<ReceivedSpan, bool> match, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var spans = await _spans.WaitAsync(
            spans => spans.Any(match), timeout, spans => Describe("no span received matched", timeout, spans), cancellationToken);
        return spans.First(match);
    }

    /// <summary>Every metric received, once <paramref name="until"/> holds for them.</summary>
    public Task<IReadOnlyList<ReceivedMetric>> WaitForMetricsAsync(
        Func<IReadOnlyList<ReceivedMetric>, bool> until, TimeSpan timeout, CancellationToken cancellationToken) =>
        _metrics.WaitAsync(until, timeout, metrics => Describe("the metrics received did not satisfy the condition", timeout, metrics), cancellationToken);

    /// <summary>The newest received metric that <paramref name="match"/> accepts, once one arrived.</summary>
    public async Task<ReceivedMetric> WaitForMetricAsync(Func<ReceivedMetric, bool> match, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var metrics = await _metrics.WaitAsync(
            metrics => metrics.Any(match), timeout, metrics => Describe("no metric received matched", timeout, metrics), cancellationToken);
        return metrics.Last(match);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private async Task ServeAsync(HttpContext http)
    {
        var request = http.Request;
        var (status, error) = (StatusCodes.Status200OK, (string?)null);
        List<ReceivedSpan>? spans = null;
        List<ReceivedMetric>? metrics = null;
        var isTraces = request.Path == "/v1/traces";
        if (!isTraces && request.Path != "/v1/metrics")
        {
            (status, error) = (StatusCodes.Status404NotFound, "OtlpReceiver serves /v1/traces and /v1/metrics");
        }
        else if (!HttpMethods.IsPost(request.Method))
        {
            (status, error) = (StatusCodes.Status405MethodNotAllowed, "OTLP/HTTP exports are POSTs");
        }
        else if (!IsProtobuf(request.ContentType))
        {
            (status, error) = (StatusCodes.Status415UnsupportedMediaType, $"OtlpReceiver decodes only {Protobuf} (not OTLP's JSON encoding)");
        }
        else
        {
            try
            {
                var body = await ReadBodyAsync(request, http.RequestAborted);
                if (body is null)
                {
                    (status, error) = (StatusCodes.Status413PayloadTooLarge, $"the body is over {MaxBodyBytes} bytes");
                }
                else if (isTraces)
                {
                    spans = OtlpTraceDecoder.Decode(body);
                }
                else
                {
                    metrics = OtlpMetricsDecoder.Decode(body);
                }
            }
            catch (Microsoft.AspNetCore.Http.BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                (status, error) = (StatusCodes.Status413PayloadTooLarge, $"the body is over {MaxBodyBytes} bytes");
            }
            catch (NotSupportedException ex)
            {
                (status, error) = (StatusCodes.Status415UnsupportedMediaType, ex.Message);
            }
            catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidDataException)
            {
                (status, error) = (StatusCodes.Status400BadRequest, "undecodable body: " + ex.Message);
            }
        }

        // The request is on record before its spans or metrics, so a test that waited for them sees it.
        _requests.Add([Record(request, status, error)]);
        if (spans is not null)
        {
            _spans.Add(spans);
        }

        if (metrics is not null)
        {
            _metrics.Add(metrics);
        }

        http.Response.StatusCode = status;
        if (error is null)
        {
            http.Response.ContentType = Protobuf;
            http.Response.ContentLength = 0;
        }
        else
        {
            http.Response.ContentType = "text/plain";
            await http.Response.WriteAsync(error, http.RequestAborted);
        }
    }

    private static bool IsProtobuf(string? contentType) =>
        contentType is not null
        && contentType.Split(';')[0].Trim().Equals(Protobuf, StringComparison.OrdinalIgnoreCase);

    /// <summary>The body, decompressed; null when it is over <see cref="MaxBodyBytes"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        var encoding = request.Headers.ContentEncoding.ToString().Trim();
        await using var source = encoding.ToLowerInvariant() switch
        {
            "" or "identity" => null,
            "gzip" => new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true),
            _ => throw new NotSupportedException($"Content-Encoding '{encoding}' is not supported (OTLP/HTTP uses gzip or none)"),
        };
        var input = source ?? request.Body;
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await input.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static ReceivedOtlpRequest Record(HttpRequest request, int status, string? error) => new(
        request.Path.Value ?? "",
        request.ContentType,
        request.Headers.ContentEncoding.Count == 0 ? null : request.Headers.ContentEncoding.ToString(),
        request.ContentLength,
        request.Headers.ToDictionary(header => header.Key.ToLowerInvariant(), header => header.Value.ToString(), StringComparer.Ordinal),
        status,
        error);

    private string Describe<T>(string what, TimeSpan timeout, IReadOnlyList<T> received)
    {
        var requests = Requests;
        return $"Within {timeout.TotalSeconds} s {what}. Received {received.Count}:"
            + string.Concat(received.Select(item => "\n  " + item))
            + $"\nRequests ({requests.Count}):" + string.Concat(requests.Select(item => "\n  " + item));
    }
}
