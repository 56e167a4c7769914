using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Toolshed.Core.Configuration;
using Toolshed.Server.Hosting;
using Toolshed.Runtime.Docker.Workloads;
using Toolshed.Server.Workloads;

namespace Toolshed.Testing;

/// <summary>
/// A real daemon (the same <see cref="ToolshedServer.Build"/> as `shed serve`) on an OS-chosen port of 127.0.0.1,
/// with an HttpClient pointed at it. Dispose stops it; start another on the same paths to test a restart.
/// </summary>
public sealed class DaemonHost : IAsyncDisposable
{
    private DaemonHost(WebApplication app, Uri baseAddress, string? apiToken)
    {
        App = app;
        BaseAddress = baseAddress;
        ApiToken = apiToken;
        Client = new HttpClient { BaseAddress = baseAddress };
        if (apiToken is not null)
        {
            Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiToken);
        }
    }

    /// <summary>The daemon's API token (null under OIDC); <see cref="Client"/> sends it on every request.</summary>
    public string? ApiToken { get; }

    /// <summary>A client of the same daemon without any credential, to test what an outsider gets.</summary>
    public HttpClient CreateAnonymousClient() => new() { BaseAddress = BaseAddress };

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>The value of the toolshed.instance label on this daemon's containers.</summary>
    public string InstanceId => GetService<DaemonInstance>().Id;

    public T GetService<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    public static async Task<DaemonHost> StartAsync(
        ToolshedPaths paths, CancellationToken cancellationToken, Action<WebApplicationBuilder>? configure = null)
    {
        return await StartAsync(new ToolshedServerOptions { Port = 0 }, paths, cancellationToken, configure);
    }

    public static async Task<DaemonHost> StartAsync(
        ToolshedServerOptions options, ToolshedPaths paths, CancellationToken cancellationToken, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var app = ToolshedServer.Build(options, paths, configure);
        try
        {
            await app.StartAsync(cancellationToken);
            var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
            var address = addresses.FirstOrDefault() ?? throw new InvalidOperationException("The daemon reported no bound address.");
            var token = options.Oidc is null ? Server.Api.Auth.ApiTokenFile.Read(paths.ApiTokenPath) : null;
            return new DaemonHost(app, new Uri(address.EndsWith('/') ? address : address + "/"), token);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
    }
}
