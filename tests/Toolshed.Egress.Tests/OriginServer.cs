using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Toolshed.Egress.Tests;

/// <summary>A minimal HTTP/1.1 origin on 127.0.0.1 that answers every request with "origin PORT PATH" and closes.</summary>
internal sealed class OriginServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public OriginServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>Request lines as the origin received them.</summary>
    public List<string> RequestLines { get; } = [];

    /// <summary>The Host header of each request, as the origin received it.</summary>
    public List<string> HostHeaders { get; } = [];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = AnswerAsync(client);
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var reader = new StreamReader(stream, Encoding.Latin1);
        var requestLine = await reader.ReadLineAsync() ?? "";
        lock (RequestLines)
        {
            RequestLines.Add(requestLine);
        }

        while (await reader.ReadLineAsync() is { Length: > 0 } header)
        {
            if (header.StartsWith("Host:", StringComparison.OrdinalIgnoreCase))
            {
                lock (RequestLines)
                {
                    HostHeaders.Add(header["Host:".Length..].Trim());
                }
            }
        }

        var path = requestLine.Split(' ') is { Length: 3 } parts ? parts[1] : "?";
        var body = Encoding.UTF8.GetBytes($"origin {Port} {path}");
        var head = $"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.Latin1.GetBytes(head));
        await stream.WriteAsync(body);
    }
}
