using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ModelContextProtocol;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Servers;

/// <summary>The reconciler brings back a server whose process exited, and counts it.</summary>
public sealed class RestartOnExitTests(ServersApiFixture fixture) : IClassFixture<ServersApiFixture>
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ServerProcessExits_IsRestartedServesAgainAndCountsIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var name = ServersApiFixture.UniqueName("crashy");
        var created = await fixture.Api.PostAsJsonAsync("api/v1beta/servers", new { image = TestImages.CSharpServer, name }, ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var port = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("port").GetInt32();

        await using (var client = await McpProbe.ConnectAsync(port))
        {
            // The server exits mid-call: the caller gets an error, not a hang.
            await Assert.ThrowsAnyAsync<Exception>(async () =>
                await client.CallToolAsync("exit", new Dictionary<string, object?> { ["code"] = 7 }, cancellationToken: ct)
                    .AsTask().WaitAsync(s_wait, ct));
        }

        var status = await WaitForAsync(async () =>
        {
            var info = await fixture.Api.GetFromJsonAsync<JsonElement>($"api/v1beta/servers/{name}", ct);
            var text = info.GetProperty("status").GetString() ?? "";
            return info.GetProperty("state").GetString() == "running" && text.Contains("restarted 1x", StringComparison.Ordinal) ? text : null;
        });
        Assert.Contains("last exit code 7", status, StringComparison.Ordinal);

        var answer = await WaitForAsync(async () =>
        {
            try
            {
                await using var again = await McpProbe.ConnectAsync(port);
                return await McpProbe.EchoAsync(again, "back again");
            }
            catch (Exception ex) when (ex is HttpRequestException or McpException or IOException)
            {
                return null;
            }
        });
        Assert.Equal("back again", answer);
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(s_wait);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        do
        {
            if (await probe() is { } result)
            {
                return result;
            }
        }
        while (await timer.WaitForNextTickAsync(timeout.Token));
        throw new TimeoutException();
    }
}
