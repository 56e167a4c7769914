using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Toolshed.Remote.OAuth;

/// <summary>
/// The loopback redirect a sign-in's browser comes back to (RFC 8252): http://127.0.0.1:PORT/callback, on its own
/// small Kestrel listener that lives only while the sign-in is pending.
/// </summary>
internal sealed class LoopbackCallback : IAsyncDisposable
{
    public const string Path = "/callback";

    private readonly KestrelServer _server;
    private int _disposed;

    private LoopbackCallback(KestrelServer server, int port)
    {
        _server = server;
        Port = port;
    }

    public int Port { get; }

    public string RedirectUri => $"http://127.0.0.1:{Port}{Path}";

    /// <summary>Listens on 127.0.0.1:<paramref name="port"/> (0: any free port); null when that port is taken.</summary>
    public static async Task<LoopbackCallback?> TryStartAsync(
        int port, RequestDelegate handler, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var options = new KestrelServerOptions { AddServerHeader = false };
        options.Limits.MaxRequestBodySize = 64 * 1024;
        options.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        options.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(30);
        ListenOptions? listen = null;
        options.Listen(IPAddress.Loopback, port, l => listen = l);
        var transport = new SocketTransportFactory(MsOptions.Create(new SocketTransportOptions()), loggerFactory);
        var server = new KestrelServer(MsOptions.Create(options), transport, loggerFactory);
        try
        {
            await server.StartAsync(new CallbackApplication(handler), cancellationToken);
        }
        catch (IOException ex) when (ex.InnerException is AddressInUseException)
        {
            server.Dispose();
            return null;
        }
        catch
        {
            server.Dispose();
            throw;
        }

        return new LoopbackCallback(server, listen?.IPEndPoint?.Port ?? port);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await _server.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
        }

        _server.Dispose();
    }
}
