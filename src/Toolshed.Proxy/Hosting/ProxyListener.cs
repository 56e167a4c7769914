using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;
using Toolshed.Core.Errors;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Toolshed.Proxy.Hosting;

/// <summary>Binds one endpoint's own lean Kestrel listener (a workload's or a group's) and maps bind failures to what
/// the user can act on: a taken port is a <see cref="ConflictException"/>, an address not of this machine an
/// <see cref="InvalidInputException"/>.</summary>
internal static class ProxyListener
{
    public static async Task<(KestrelServer Server, int Port)> StartAsync(
        IPAddress address, string host, int port, long maxRequestBodyBytes, RequestDelegate handler, string name,
        ILoggerFactory loggerFactory, ILogger logger, CancellationToken cancellationToken)
    {
        var kestrelOptions = new KestrelServerOptions { AddServerHeader = false };
        kestrelOptions.Limits.MaxRequestBodySize = maxRequestBodyBytes;
        ListenOptions? listen = null;
        kestrelOptions.Listen(address, port, l => listen = l);
        var transport = new SocketTransportFactory(MsOptions.Create(new SocketTransportOptions()), loggerFactory);
        var server = new KestrelServer(MsOptions.Create(kestrelOptions), transport, loggerFactory);
        try
        {
            await server.StartAsync(new ProxyHttpApplication(handler, name, logger), cancellationToken);
        }
        catch (IOException ex) when (ex.InnerException is AddressInUseException)
        {
            server.Dispose();
            throw new ConflictException(
                $"Port {port} on {host} is already in use.",
                "Choose another port, or stop what listens there.");
        }
        catch (IOException ex) when (ex.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressNotAvailable })
        {
            server.Dispose();
            throw new InvalidInputException($"host {host} is not an address of this machine; the proxy cannot listen on it.", "host");
        }
        catch
        {
            server.Dispose();
            throw;
        }

        return (server, listen?.IPEndPoint?.Port ?? port);
    }
}
