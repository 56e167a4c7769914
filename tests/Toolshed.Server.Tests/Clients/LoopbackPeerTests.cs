using System.Net;
using System.Net.Sockets;
using Toolshed.Clients;
using Toolshed.Core.IO;
using Toolshed.Server.Clients.Api;

namespace Toolshed.Server.Tests.Clients;

/// <summary>The kernel's socket table names the uid at the other end of a loopback connection.</summary>
public sealed class LoopbackPeerTests
{
    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public async Task UidOf_LoopbackConnectionFromThisProcess_IsThisProcessesUid(AddressFamily clientFamily)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        // An IPv6 client socket is dual-mode: its row is in tcp6 as ::ffff:127.0.0.1, though the daemon sees 127.0.0.1.
        using var client = clientFamily == AddressFamily.InterNetwork ? new TcpClient(clientFamily) : new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port, TestContext.Current.CancellationToken);
        using var accepted = await listener.AcceptSocketAsync(TestContext.Current.CancellationToken);
        var remote = (IPEndPoint)accepted.RemoteEndPoint!;
        var local = (IPEndPoint)accepted.LocalEndPoint!;

        var uid = LoopbackPeer.UidOf(remote.Address, remote.Port, local.Address, local.Port);

        Assert.Equal(UnixOwner.EffectiveUid(), uid);
    }

    [Fact]
    public void UidOf_NotLoopback_Unknown() =>
        Assert.Null(LoopbackPeer.UidOf(IPAddress.Parse("192.0.2.1"), 40000, IPAddress.Loopback, 8080));
}
