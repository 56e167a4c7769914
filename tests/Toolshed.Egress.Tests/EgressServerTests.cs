using System.Net;
using System.Net.Sockets;
using System.Text;
using Toolshed.Egress.Policy;

namespace Toolshed.Egress.Tests;

/// <summary>The egress proxy over real sockets on 127.0.0.1: what HttpClient (absolute-form) and TLS clients (CONNECT) send.</summary>
public sealed class EgressServerTests : IAsyncLifetime
{
    private readonly OriginServer _allowed = new();
    private readonly OriginServer _otherPort = new();
    private readonly CancellationTokenSource _stop = new();
    private EgressServer? _server;
    private int _proxyPort;

    public ValueTask InitializeAsync()
    {
        var policy = EgressPolicy.Create(["localhost"], [_allowed.Port]);
        _server = new EgressServer(policy, Loopback, new DestinationGuard(allowLoopback: true));
        _proxyPort = _server.Listen(0, IPAddress.Loopback);
        _ = _server.RunAsync(_stop.Token);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _server?.Dispose();
        await _allowed.DisposeAsync();
        await _otherPort.DisposeAsync();
        _stop.Dispose();
    }

    [Fact]
    public async Task An_allowed_plain_http_request_reaches_the_origin_in_origin_form()
    {
        using var http = ProxiedClient();

        var body = await http.GetStringAsync(new Uri($"http://localhost:{_allowed.Port}/tools?x=1"), TestContext.Current.CancellationToken);

        Assert.Equal($"origin {_allowed.Port} /tools?x=1", body);
        Assert.Equal($"GET /tools?x=1 HTTP/1.1", Assert.Single(_allowed.RequestLines));
    }

    [Fact]
    public async Task Another_port_on_the_allowed_host_is_refused_without_dialling_it()
    {
        using var http = ProxiedClient();

        using var response = await http.GetAsync(new Uri($"http://localhost:{_otherPort.Port}/"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("not in this workload's allow-list", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Empty(_otherPort.RequestLines);
    }

    [Fact]
    public async Task Another_host_on_the_allowed_port_is_refused()
    {
        using var http = ProxiedClient();

        // 127.0.0.1 is the same machine, but not the name the allow-list grants.
        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{_allowed.Port}/"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_allowed.RequestLines);
    }

    [Fact]
    public async Task Connect_to_an_allowed_destination_opens_a_tunnel()
    {
        using var socket = await ConnectToProxyAsync();
        var stream = new NetworkStream(socket);

        var answer = await SendAsync(stream, $"CONNECT localhost:{_allowed.Port} HTTP/1.1\r\nHost: localhost:{_allowed.Port}\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 200", answer, StringComparison.Ordinal);

        var tunnelled = await SendAsync(stream, "GET /through HTTP/1.1\r\nHost: localhost\r\n\r\n", untilClose: true);
        Assert.EndsWith($"origin {_allowed.Port} /through", tunnelled, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_to_a_refused_destination_gets_403()
    {
        using var socket = await ConnectToProxyAsync();
        var stream = new NetworkStream(socket);

        var answer = await SendAsync(stream, $"CONNECT localhost:{_otherPort.Port} HTTP/1.1\r\n\r\n", untilClose: true);

        Assert.StartsWith("HTTP/1.1 403", answer, StringComparison.Ordinal);
        Assert.Empty(_otherPort.RequestLines);
    }

    [Theory]
    [InlineData("GET /relative HTTP/1.1\r\nHost: x\r\n\r\n", "forward proxy")]
    [InlineData("GET https://localhost/ HTTP/1.1\r\n\r\n", "go through CONNECT")]
    [InlineData("CONNECT localhost HTTP/1.1\r\n\r\n", "needs host:port")]
    [InlineData("nonsense\r\n\r\n", "malformed")]
    public async Task Requests_a_forward_proxy_cannot_serve_get_400_with_the_reason(string request, string reason)
    {
        using var socket = await ConnectToProxyAsync();

        var answer = await SendAsync(new NetworkStream(socket), request, untilClose: true);

        Assert.StartsWith("HTTP/1.1 400", answer, StringComparison.Ordinal);
        Assert.Contains(reason, answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clients_from_outside_the_workload_network_are_dropped_unanswered()
    {
        using var server = new EgressServer(EgressPolicy.Create(["localhost"], [_allowed.Port]), new ClientFilter([IPNetwork.Parse("10.0.0.0/8")]));
        var port = server.Listen(0, IPAddress.Loopback);
        _ = server.RunAsync(_stop.Token);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, port, TestContext.Current.CancellationToken);

        var answer = await SendAsync(new NetworkStream(socket), $"GET http://localhost:{_allowed.Port}/ HTTP/1.1\r\n\r\n", untilClose: true);

        Assert.Equal("", answer);
        Assert.Empty(_allowed.RequestLines);
    }

    [Theory]
    [InlineData("localhost\0.evil.test")]
    [InlineData("localhost\n2026-01-01 allow CONNECT forged")]
    [InlineData("local host")]
    public async Task Connect_ToAHostWithControlCharactersOrSpaces_Is400AndNeverDialled(string host)
    {
        var policy = EgressPolicy.Create([".evil.test", "localhost"], [_allowed.Port]);
        using var server = new EgressServer(policy, Loopback, new DestinationGuard(allowLoopback: true));
        var port = server.Listen(0, IPAddress.Loopback);
        _ = server.RunAsync(_stop.Token);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, port, TestContext.Current.CancellationToken);

        var answer = await SendAsync(new NetworkStream(socket), $"CONNECT {host}:{_allowed.Port} HTTP/1.1\r\n\r\n", untilClose: true);

        Assert.StartsWith("HTTP/1.1 400", answer, StringComparison.Ordinal);
        Assert.Empty(_allowed.RequestLines);
    }

    [Fact]
    public async Task Plain_http_carries_the_allowed_host_not_the_clients_own_Host_header()
    {
        using var socket = await ConnectToProxyAsync();

        var answer = await SendAsync(
            new NetworkStream(socket), $"GET http://localhost:{_allowed.Port}/h HTTP/1.1\r\nHost: internal-admin.corp\r\n\r\n", untilClose: true);

        Assert.StartsWith("HTTP/1.1 200", answer, StringComparison.Ordinal);
        Assert.Equal($"localhost:{_allowed.Port}", Assert.Single(_allowed.HostHeaders));
    }

    [Fact]
    public async Task By_default_a_name_resolving_to_loopback_is_refused_but_the_address_named_exactly_is_dialled()
    {
        var policy = EgressPolicy.Create(["localhost", "127.0.0.1"], [_allowed.Port]);
        using var server = new EgressServer(policy, Loopback);
        var port = server.Listen(0, IPAddress.Loopback);
        _ = server.RunAsync(_stop.Token);

        async Task<string> ConnectAsync(string host)
        {
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(IPAddress.Loopback, port, TestContext.Current.CancellationToken);
            return await SendAsync(new NetworkStream(socket), $"CONNECT {host}:{_allowed.Port} HTTP/1.1\r\n\r\n");
        }

        Assert.StartsWith("HTTP/1.1 403", await ConnectAsync("localhost"), StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 200", await ConnectAsync("127.0.0.1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_filter_without_subnets_admits_nobody()
    {
        using var server = new EgressServer(EgressPolicy.Create(["localhost"], [_allowed.Port]), new ClientFilter([]), new DestinationGuard(allowLoopback: true));
        var port = server.Listen(0, IPAddress.Loopback);
        _ = server.RunAsync(_stop.Token);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, port, TestContext.Current.CancellationToken);

        var answer = await SendAsync(new NetworkStream(socket), $"GET http://localhost:{_allowed.Port}/ HTTP/1.1\r\n\r\n", untilClose: true);

        Assert.Equal("", answer);
        Assert.Empty(_allowed.RequestLines);
    }

    private static ClientFilter Loopback => new([IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("::ffff:127.0.0.0/104")]);

    private HttpClient ProxiedClient() => new(new SocketsHttpHandler
    {
        Proxy = new WebProxy(new Uri($"http://127.0.0.1:{_proxyPort}")) { BypassProxyOnLocal = false },
        UseProxy = true,
    });

    private async Task<Socket> ConnectToProxyAsync()
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, _proxyPort, TestContext.Current.CancellationToken);
        return socket;
    }

    /// <summary>Sends text and reads the answer: up to the end of the head, or everything until the peer closes.</summary>
    private static async Task<string> SendAsync(NetworkStream stream, string text, bool untilClose = false)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await stream.WriteAsync(Encoding.Latin1.GetBytes(text), timeout.Token);
        var received = new MemoryStream();
        var buffer = new byte[4096];
        while (true)
        {
            int read;
            try
            {
                read = await stream.ReadAsync(buffer, timeout.Token);
            }
            catch (IOException)
            {
                break;
            }

            if (read == 0)
            {
                break;
            }

            received.Write(buffer, 0, read);
            var soFar = Encoding.Latin1.GetString(received.ToArray());
            if (!untilClose && soFar.Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                return soFar;
            }
        }

        return Encoding.Latin1.GetString(received.ToArray());
    }
}
