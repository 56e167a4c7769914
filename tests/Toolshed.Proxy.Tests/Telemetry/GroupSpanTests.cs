using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using Toolshed.Core.Runtime;
using Toolshed.Proxy.Groups;
using Toolshed.Proxy.Tests.Support;
using C = Toolshed.Proxy.Telemetry.McpSemanticConventions;

namespace Toolshed.Proxy.Tests.Telemetry;

/// <summary>
/// One trace across a group: the group's SERVER span, its CLIENT span to the member, and the member endpoint's own
/// SERVER span as that client span's child (the context went in the member request's _meta), down to the member's
/// CLIENT span to its server.
/// </summary>
public sealed class GroupSpanTests : IDisposable
{
    private readonly TelemetryCapture _capture = new();

    public void Dispose() => _capture.Dispose();

    [Fact]
    public async Task ToolCall_ThroughAGroup_IsOneTraceDownToTheMembersServer()
    {
        const string group = "tel-group";
        const string member = "tel-group-member";
        await using var services = ProxyHarness.CreateServices();
        await using var memberProxy = await services.GetRequiredService<WorkloadProxyFactory>()
            .StartAsync(new WorkloadProxyOptions { WorkloadName = member }, TestContext.Current.CancellationToken);
        var server = TestServers.StartCSharpServer();
        await using var serverScope = server;
        await memberProxy.AttachAsync(new StdioUpstream(server), TestContext.Current.CancellationToken);
        await using var groupProxy = await services.GetRequiredService<GroupProxyFactory>().StartAsync(new GroupProxyOptions
        {
            Endpoint = new WorkloadProxyOptions { WorkloadName = group },
            Members = [new GroupMember(member, memberProxy.McpUrl, IsRunning: true, State: "running")],
        }, TestContext.Current.CancellationToken);
        var transport = new HttpClientTransport(new HttpClientTransportOptions { Endpoint = groupProxy.McpUrl, TransportMode = HttpTransportMode.StreamableHttp });
        await using var client = await McpClient.CreateAsync(transport, Clients.Legacy(), cancellationToken: TestContext.Current.CancellationToken);

        await client.CallToolAsync("echo", Clients.Args(("message", "through the group")), cancellationToken: TestContext.Current.CancellationToken);

        var groupServer = Assert.Single(_capture.SpansOf(group), s => s.Kind == ActivityKind.Server && s.DisplayName == "tools/call echo");
        Assert.Equal(member, groupServer.GetTagItem(C.Workload));
        var groupClient = Assert.Single(_capture.SpansOf(group), s => s.Kind == ActivityKind.Client && s.DisplayName == "tools/call echo");
        Assert.Equal(groupServer.SpanId, groupClient.ParentSpanId);
        Assert.Equal("tcp", groupClient.GetTagItem(C.NetworkTransport));
        Assert.Equal("127.0.0.1", groupClient.GetTagItem(C.ServerAddress));
        var memberServer = Assert.Single(_capture.SpansOf(member), s => s.Kind == ActivityKind.Server && s.DisplayName == "tools/call echo");
        Assert.Equal((groupServer.TraceId, groupClient.SpanId), (memberServer.TraceId, memberServer.ParentSpanId));
        var memberClient = Assert.Single(_capture.SpansOf(member), s => s.Kind == ActivityKind.Client && s.DisplayName == "tools/call echo");
        Assert.Equal(memberServer.SpanId, memberClient.ParentSpanId);
    }
}
