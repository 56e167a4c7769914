using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Toolshed.Server.Tests.Support;

/// <summary>A tiny Kestrel on 127.0.0.1 serving fixed responses by path, for code that fetches URLs.</summary>
public sealed class StaticHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StaticHttpServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public Uri Url(string path) => new(BaseAddress, path.TrimStart('/'));

    /// <summary>Serves each (path, status, body) as application/json.</summary>
    public static async Task<StaticHttpServer> StartAsync(
        IReadOnlyDictionary<string, (int Status, string Body)> routes, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        foreach (var (path, (status, body)) in routes)
        {
            app.MapGet(path, () => Results.Text(body, "application/json", statusCode: status));
        }

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new StaticHttpServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
