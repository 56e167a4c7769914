using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Toolshed.Clients;
using Toolshed.Core.IO;

namespace Toolshed.Server.Tests.Clients;

/// <summary>Requests that name the caller's home: configs under it, the daemon's own untouched, bad homes refused.</summary>
public sealed class ClientHomesApiTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Register_HomeInQuery_WritesUnderThatHomeAndOnlyThereIsItRegistered()
    {
        await using var host = await ClientsDaemon.StartAsync();
        var other = host.Combine("other-user");
        Directory.CreateDirectory(Path.Combine(other, ".cursor"));
        Directory.CreateDirectory(host.InHome(".cursor"));
        await ClientsApiTests.InsertRunningAsync(host, "github", 40123);

        var register = await host.Daemon.Client.PostAsync($"api/v1beta/clients/cursor{Query(other)}", null, Token);
        var theirs = await RegisteredAsync(host, Query(other));
        var daemons = await RegisteredAsync(host, "");

        Assert.Equal(HttpStatusCode.OK, register.StatusCode);
        Assert.Contains("toolshed-github", await File.ReadAllTextAsync(Path.Combine(other, ".cursor", "mcp.json"), Token), StringComparison.Ordinal);
        Assert.False(File.Exists(host.InHome(".cursor", "mcp.json")));
        Assert.Equal(["cursor"], theirs);
        Assert.Empty(daemons);
        var stored = await File.ReadAllTextAsync(Path.Combine(host.ConfigRoot, "clients.json"), Token);
        Assert.Contains($"\"home\": \"{other}\"", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkloadReady_TwoHomesRegistered_EachHomeGetsItsEntry()
    {
        await using var host = await ClientsDaemon.StartAsync();
        var other = host.Combine("other-user");
        Directory.CreateDirectory(other);
        (await host.Daemon.Client.PostAsync("api/v1beta/clients/cursor", null, Token)).EnsureSuccessStatusCode();
        (await host.Daemon.Client.PostAsync($"api/v1beta/clients/cursor{Query(other)}", null, Token)).EnsureSuccessStatusCode();

        await host.Daemon.GetService<Toolshed.Server.Clients.ClientService>().WorkloadReadyAsync(new WorkloadEndpoint("memo", 40200), Token);

        Assert.Contains("toolshed-memo", await File.ReadAllTextAsync(host.InHome(".cursor", "mcp.json"), Token), StringComparison.Ordinal);
        Assert.Contains("toolshed-memo", await File.ReadAllTextAsync(Path.Combine(other, ".cursor", "mcp.json"), Token), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("relative/home", "home must be an absolute path")]
    [InlineData("/nonexistent-toolshed-home", "home /nonexistent-toolshed-home is not an existing directory")]
    [InlineData("/dev/zero", "home /dev/zero is not an existing directory")]
    [InlineData("/tmp\0/etc", "home must be an absolute path")]
    public async Task Register_BadHome_Returns400SayingWhy(string home, string expected)
    {
        await using var host = await ClientsDaemon.StartAsync();

        var response = await host.Daemon.Client.PostAsync($"api/v1beta/clients/cursor?home={Uri.EscapeDataString(home)}", null, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(host.ConfigRoot, "clients.json")));
    }

    [Fact]
    public async Task Register_HomeOwnedByAnotherUid_Returns400AndWritesNothing()
    {
        await using var host = await ClientsDaemon.StartAsync();
        var theirs = host.Combine("someone-else");
        Directory.CreateDirectory(Path.Combine(theirs, ".cursor"));
        UnixOwner.GiveTo(theirs, new FileOwnerId(4242, 4242));

        var response = await host.Daemon.Client.PostAsync($"api/v1beta/clients/cursor{Query(theirs)}", null, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("belongs to uid 4242", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(theirs, ".cursor", "mcp.json")));
    }

    [Fact]
    public async Task Register_ClaimingTheUidThatOwnsTheHome_RefusedBecauseTheKernelNamesTheCallersUid()
    {
        await using var host = await ClientsDaemon.StartAsync();
        var theirs = host.Combine("someone-else");
        Directory.CreateDirectory(Path.Combine(theirs, ".cursor"));
        UnixOwner.GiveTo(theirs, new FileOwnerId(4242, 4242));

        var response = await host.Daemon.Client.PostAsync($"api/v1beta/clients/cursor?home={Uri.EscapeDataString(theirs)}&uid=4242", null, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"uid 4242 is not the uid of the calling process ({UnixOwner.EffectiveUid()})", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(theirs, ".cursor", "mcp.json")));
    }

    [Fact]
    public async Task Start_LegacyClientsFile_MigratedToTheDaemonsHome()
    {
        await using var host = await ClientsDaemon.StartAsync(clientsJson: "{\n  \"registered\": [\"codex\"]\n}\n");

        var registered = await RegisteredAsync(host, "");

        Assert.Equal(["codex"], registered);
        var stored = await File.ReadAllTextAsync(Path.Combine(host.ConfigRoot, "clients.json"), Token);
        Assert.DoesNotContain("\"registered\"", stored, StringComparison.Ordinal);
        Assert.Contains($"\"home\": \"{host.Home}\"", stored, StringComparison.Ordinal);
    }

    private static string Query(string home) => $"?home={Uri.EscapeDataString(home)}&uid={UnixOwner.EffectiveUid()}";

    private static async Task<List<string>> RegisteredAsync(ClientsDaemon host, string query)
    {
        var body = await host.Daemon.Client.GetFromJsonAsync<JsonElement>($"api/v1beta/clients{query}", Token);
        return [.. body.GetProperty("clients").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];
    }
}
