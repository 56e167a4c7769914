using System.Net;
using System.Net.Sockets;
using Toolshed.Egress.Policy;

namespace Toolshed.Egress;

/// <summary>Accepts proxy clients on one port and serves each on its own task.</summary>
internal sealed class EgressServer(EgressPolicy policy, ClientFilter clients, DestinationGuard? guard = null) : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };

    /// <summary>Binds (all addresses; 0 picks a free port) and returns the port.</summary>
    public int Listen(int port, IPAddress? address = null)
    {
        _listener.Bind(new IPEndPoint(address ?? IPAddress.IPv6Any, port));
        _listener.Listen(512);
        var bound = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        EgressLog.Info($"listening on port {bound}; allowing {policy}");
        return bound;
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (!clients.Admits(client.RemoteEndPoint))
            {
                EgressLog.Failed($"refused a client from {client.RemoteEndPoint}: not on the workload's network");
                client.Dispose();
                continue;
            }

            client.NoDelay = true;
            _ = ServeAsync(client, stopping);
        }
    }

    public void Dispose() => _listener.Dispose();

    private async Task ServeAsync(Socket client, CancellationToken stopping)
    {
        try
        {
            await new EgressConnection(client, policy, guard ?? DestinationGuard.Default).RunAsync(stopping);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // A client or destination went away mid-exchange; nothing to clean up beyond the sockets.
        }
    }
}
