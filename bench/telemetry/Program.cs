using System.IO.Compression;
using System.Net;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Toolshed.Bench.Telemetry;

// The telemetry benchmark's export target: `receive` serves OTLP/HTTP at 127.0.0.1 (a free port), prints
// "ready http://127.0.0.1:PORT/" once it listens, counts every export it decodes and answers GET /counts with them.
// It runs until SIGTERM, or 30 minutes at most.
if (args is not ["receive"])
{
    Console.Error.WriteLine("usage: Toolshed.Bench.Telemetry receive   (an OTLP/HTTP receiver at 127.0.0.1; GET /counts)");
    return 2;
}

const int MaxBodyBytes = 16 * 1024 * 1024;
using var lifetime = new CancellationTokenSource(TimeSpan.FromMinutes(30));
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    lifetime.Cancel();
});

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Listen(IPAddress.Loopback, 0);
    kestrel.Limits.MaxRequestBodySize = MaxBodyBytes;
});
var app = builder.Build();
var counts = new OtlpCounts();
var failures = 0;

app.MapGet("/counts", () => Results.Text(counts.Report() + $"failures\t\t{Volatile.Read(ref failures)}\n"));
app.MapPost("/v1/traces", (HttpRequest request) => ReceiveAsync(request, counts.AddTraces));
app.MapPost("/v1/metrics", (HttpRequest request) => ReceiveAsync(request, counts.AddMetrics));

await app.StartAsync(lifetime.Token);
var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
Console.WriteLine($"ready {address.TrimEnd('/')}/");
try
{
    await Task.Delay(Timeout.Infinite, lifetime.Token);
}
catch (OperationCanceledException)
{
}

await app.StopAsync(CancellationToken.None);
return 0;

async Task<IResult> ReceiveAsync(HttpRequest request, Action<byte[]> count)
{
    try
    {
        var gzip = request.Headers.ContentEncoding.ToString().Trim().Equals("gzip", StringComparison.OrdinalIgnoreCase);
        await using var source = gzip ? new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true) : null;
        using var buffer = new MemoryStream();
        await (source ?? request.Body).CopyToAsync(buffer, request.HttpContext.RequestAborted);
        count(buffer.ToArray());
        // An empty Export*ServiceResponse: every field unset, zero bytes.
        return Results.Bytes([], "application/x-protobuf");
    }
    catch (Exception ex) when (ex is Google.Protobuf.InvalidProtocolBufferException or InvalidDataException or BadHttpRequestException)
    {
        Interlocked.Increment(ref failures);
        return Results.BadRequest();
    }
}
