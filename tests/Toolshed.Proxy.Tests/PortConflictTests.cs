using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Toolshed.Core.Errors;
using Toolshed.Proxy.Tests.Support;

namespace Toolshed.Proxy.Tests;

/// <summary>Binding rules of the per-proxy listener.</summary>
public sealed class PortConflictTests
{
    [Fact]
    public async Task StartAsync_PortInUse_ThrowsConflictNamingThePort()
    {
        var ct = TestContext.Current.CancellationToken;
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;
        await using var services = ProxyHarness.CreateServices();
        var factory = services.GetRequiredService<WorkloadProxyFactory>();

        var error = await Assert.ThrowsAsync<ConflictException>(
            () => factory.StartAsync(new WorkloadProxyOptions { WorkloadName = "taken", Port = port }, ct));

        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
    }

    [Fact]
    public async Task StopAsync_Running_ReleasesThePortAtOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var services = ProxyHarness.CreateServices();
        var factory = services.GetRequiredService<WorkloadProxyFactory>();
        var first = await factory.StartAsync(new WorkloadProxyOptions { WorkloadName = "first" }, ct);
        var port = first.Port;

        await first.DisposeAsync();
        await using var second = await factory.StartAsync(new WorkloadProxyOptions { WorkloadName = "second", Port = port }, ct);

        Assert.Equal(port, second.Port);
    }
}
