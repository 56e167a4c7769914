using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Toolshed.Cli.Tests.Fakes;

/// <summary>
/// A hand-written stand-in for the daemon: a real Kestrel on 127.0.0.1 serving canned answers, recording every request
/// (method, path and query, body, headers), so CLI tests exercise real HTTP without Docker or the real daemon.
/// </summary>
internal sealed class FakeDaemon : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeDaemon(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    public int Port => Url.Port;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public static async Task<FakeDaemon> StartAsync(Action<WebApplication, FakeDaemon> map, CancellationToken cancellationToken, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var address = app.Services.GetRequiredService<IServer>().Features;
        var daemon = new FakeDaemon(app);
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            context.Request.Body.Position = 0;
            daemon.Requests.Enqueue(new RecordedRequest(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                body,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            await next(context);
        });
        app.MapGet("/health", () => Results.NoContent());
        map(app, daemon);

        await app.StartAsync(cancellationToken);
        var bound = new Uri(address.Get<IServerAddressesFeature>()!.Addresses.First());
        daemon.Url = new Uri($"http://127.0.0.1:{bound.Port}/");
        return daemon;
    }

    /// <summary>A problem+json answer as the real daemon's exception handler writes it.</summary>
    public static IResult Problem(int status, string detail, string? hint = null) =>
        Results.Text(
            hint is null
                ? $$"""{"title":"Error","status":{{status}},"detail":"{{detail}}"}"""
                : $$"""{"title":"Error","status":{{status}},"detail":"{{detail}}","hint":"{{hint}}"}""",
            "application/problem+json",
            statusCode: status);

    public static IResult Json(string json, int status = StatusCodes.Status200OK) =>
        Results.Text(json, "application/json", statusCode: status);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
