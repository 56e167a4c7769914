using System.Net.Sockets;
using System.Text;
using Toolshed.Egress.Policy;

namespace Toolshed.Egress;

/// <summary>
/// Serves one client connection: reads the request head, checks its destination against the policy, then either
/// tunnels (CONNECT) or relays one plain-HTTP request in origin form. Denied destinations get 403 and nothing is dialled.
/// </summary>
internal sealed class EgressConnection(Socket client, EgressPolicy policy, DestinationGuard guard)
{
    private const int MaxHeadBytes = 64 * 1024;
    private static readonly TimeSpan s_headTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_connectTimeout = TimeSpan.FromSeconds(15);

    public async Task RunAsync(CancellationToken stopping)
    {
        using var _ = client;
        await using var clientStream = new NetworkStream(client, ownsSocket: false);
        var buffer = new byte[MaxHeadBytes];
        var (headLength, filled) = await ReadHeadAsync(clientStream, buffer, stopping);
        if (headLength < 0)
        {
            await RespondAsync(clientStream, 400, "Bad Request", "Toolshed egress: the request head is malformed or larger than 64 KiB.");
            return;
        }

        var head = RequestHead.TryParse(buffer.AsSpan(0, headLength));
        if (head is null)
        {
            await RespondAsync(clientStream, 400, "Bad Request", "Toolshed egress: the request head is malformed.");
            return;
        }

        var target = ProxyTarget.TryParse(head, out var error);
        if (target is null)
        {
            await RespondAsync(clientStream, 400, "Bad Request", $"Toolshed egress: {error}.");
            return;
        }

        if (!policy.Allows(target.Host, target.Port))
        {
            EgressLog.Denied(head.Method, target.Host, target.Port);
            await RespondAsync(
                clientStream,
                403,
                "Forbidden",
                $"Toolshed egress: {target.Host}:{target.Port} is not in this workload's allow-list ({policy}).");
            return;
        }

        IReadOnlyList<System.Net.IPAddress> addresses;
        try
        {
            addresses = await guard.ResolveAsync(target.Host, policy, stopping);
        }
        catch (SocketException ex)
        {
            EgressLog.Failed($"resolve {target.Host}: {ex.SocketErrorCode}");
            await RespondAsync(clientStream, 502, "Bad Gateway", $"Toolshed egress: {target.Host} does not resolve.");
            return;
        }

        if (addresses.Count == 0)
        {
            EgressLog.Denied(head.Method, target.Host, target.Port);
            await RespondAsync(
                clientStream,
                403,
                "Forbidden",
                $"Toolshed egress: {target.Host} resolves only to addresses the proxy never dials for a name (loopback, link-local, multicast); name the address itself in allow_host to reach it.");
            return;
        }

        using var upstream = await DialAsync(target, addresses, stopping);
        if (upstream is null)
        {
            await RespondAsync(clientStream, 502, "Bad Gateway", $"Toolshed egress: could not connect to {target.Host}:{target.Port}.");
            return;
        }

        EgressLog.Allowed(head.Method, target.Host, target.Port);
        await using var upstreamStream = new NetworkStream(upstream, ownsSocket: false);
        var pending = buffer.AsMemory(headLength + 4, filled - headLength - 4);
        if (target.Url is null)
        {
            await clientStream.WriteAsync("HTTP/1.1 200 Connection established\r\n\r\n"u8.ToArray(), stopping);
        }
        else
        {
            await upstreamStream.WriteAsync(head.ToOriginForm(target.Url), stopping);
        }

        if (!pending.IsEmpty)
        {
            await upstreamStream.WriteAsync(pending, stopping);
        }

        await SpliceAsync(client, clientStream, upstream, upstreamStream, stopping);
    }

    private static async Task<(int HeadLength, int Filled)> ReadHeadAsync(NetworkStream stream, byte[] buffer, CancellationToken stopping)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(s_headTimeout);
        var filled = 0;
        try
        {
            while (filled < buffer.Length)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(filled), timeout.Token);
                if (read == 0)
                {
                    return (-1, filled);
                }

                var searchFrom = Math.Max(0, filled - 3);
                filled += read;
                var end = buffer.AsSpan(searchFrom, filled - searchFrom).IndexOf("\r\n\r\n"u8);
                if (end >= 0)
                {
                    return (searchFrom + end, filled);
                }
            }
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
        }

        return (-1, filled);
    }

    private static async Task<Socket?> DialAsync(ProxyTarget target, IReadOnlyList<System.Net.IPAddress> addresses, CancellationToken stopping)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(s_connectTimeout);
        try
        {
            await socket.ConnectAsync([.. addresses], target.Port, timeout.Token);
            return socket;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            EgressLog.Failed($"connect {target.Host}:{target.Port}: {ex.Message}");
            socket.Dispose();
            return null;
        }
    }

    /// <summary>Copies both ways; when one side finishes sending, the other is told so, and both end together.</summary>
    private static async Task SpliceAsync(Socket client, NetworkStream clientStream, Socket upstream, NetworkStream upstreamStream, CancellationToken stopping)
    {
        var up = CopyThenShutdownAsync(clientStream, upstreamStream, upstream, stopping);
        var down = CopyThenShutdownAsync(upstreamStream, clientStream, client, stopping);
        await Task.WhenAll(up, down);
    }

    private static async Task CopyThenShutdownAsync(NetworkStream from, NetworkStream to, Socket toSocket, CancellationToken stopping)
    {
        try
        {
            await from.CopyToAsync(to, 64 * 1024, stopping);
            toSocket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // One side went away: close both so the other copy ends too.
            from.Socket.Close();
            toSocket.Close();
        }
    }

    private static async Task RespondAsync(NetworkStream stream, int status, string reason, string message)
    {
        var body = Encoding.UTF8.GetBytes(message + "\n");
        var head = $"HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        try
        {
            await stream.WriteAsync(Encoding.Latin1.GetBytes(head));
            await stream.WriteAsync(body);
        }
        catch (IOException)
        {
            // The client left before reading the answer.
        }
    }
}
