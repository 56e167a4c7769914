using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ModelContextProtocol.Client;
using Toolshed.EndToEnd.Tests.Lifecycle;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Servers;

/// <summary>Servers that speak HTTP themselves (sse, streamable-http) are published on loopback and served on both
/// transports (through the proxy's own client of the server, since the daemon audits every call).</summary>
public sealed class HttpTransportTests(ServersApiFixture fixture) : IClassFixture<ServersApiFixture>
{
    [Theory]
    [InlineData("streamable-http", "streamableHttp", HttpTransportMode.StreamableHttp)]
    [InlineData("sse", "sse", HttpTransportMode.Sse)]
    public async Task Create_HttpServer_AnswersThroughTheProxy(string transport, string serverArgument, HttpTransportMode mode)
    {
        var ct = TestContext.Current.CancellationToken;
        var name = ServersApiFixture.UniqueName(serverArgument.ToLowerInvariant());

        var created = await fixture.Api.PostAsJsonAsync(
            "api/v1beta/servers",
            new { image = TestImages.Everything, name, transport, target_port = 3001, cmd_arguments = new[] { serverArgument } },
            ct);

        var body = await created.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, body.ToString());
        var port = body.GetProperty("port").GetInt32();
        var info = await fixture.Api.GetFromJsonAsync<JsonElement>($"api/v1beta/servers/{name}", ct);
        Assert.Equal(transport, info.GetProperty("labels").GetProperty("toolshed.transport").GetString());
        Assert.Equal(3001, info.GetProperty("ports")[0].GetProperty("containerPort").GetInt32());

        // The server needs a moment to listen after its container starts; until then the proxy answers 502.
        var echoed = await Eventually.GetAsync(
            async () =>
            {
                await using var client = await McpProbe.ConnectAsync(port, mode);
                return await McpProbe.EchoAsync(client, $"over {transport}");
            },
            TimeSpan.FromSeconds(60),
            $"the {transport} server answers through port {port}");
        Assert.Contains($"over {transport}", echoed, StringComparison.Ordinal);

        // The other transport is served too, bridged by the proxy.
        var other = mode == HttpTransportMode.Sse ? HttpTransportMode.StreamableHttp : HttpTransportMode.Sse;
        var bridged = await Eventually.GetAsync(
            async () =>
            {
                await using var client = await McpProbe.ConnectAsync(port, other);
                return await McpProbe.EchoAsync(client, $"bridged to {other}");
            },
            TimeSpan.FromSeconds(60),
            $"the {transport} server answers over {other} through port {port}");
        Assert.Contains($"bridged to {other}", bridged, StringComparison.Ordinal);
    }
}
