using Toolshed.Clients;
using Toolshed.Server.Clients;
using Toolshed.Testing;

namespace Toolshed.Server.Tests.Clients;

/// <summary>clients.json: registrations per home, what Toolshed created, and files from before homes were stored.</summary>
public sealed class RegisteredClientStoreTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new("toolshed-client-store");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private ClientHome DaemonHome => new() { Home = _directory.Combine("daemon-home"), Uid = 0 };

    [Fact]
    public async Task List_LegacyFileOfIds_EachBecomesARegistrationForTheDaemonsHomeAndTheFileIsRewritten()
    {
        using var store = NewStore();
        Directory.CreateDirectory(Path.GetDirectoryName(store.FilePath)!);
        await File.WriteAllTextAsync(store.FilePath, "{\"registered\":[\"codex\",\"cursor\"]}", Token);

        var registrations = await store.ListAsync(Token);

        Assert.Equal(["codex", "cursor"], registrations.Select(r => r.Name));
        Assert.All(registrations, r => Assert.Equal(DaemonHome, r.Home));
        var rewritten = await File.ReadAllTextAsync(store.FilePath, Token);
        Assert.DoesNotContain("registered", rewritten, StringComparison.Ordinal);
        Assert.Contains("\"xdg_config_home\"", rewritten, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_SameClientForTwoHomes_TwoRegistrationsRemovedOneByOne()
    {
        using var store = NewStore();
        var other = new ClientHome { Home = "/home/other", Uid = 1000 };

        Assert.True(await store.SetAsync("cursor", DaemonHome, registered: true, Token));
        Assert.True(await store.SetAsync("cursor", other, registered: true, Token));
        Assert.False(await store.SetAsync("cursor", other, registered: true, Token));
        Assert.True(await store.SetAsync("cursor", DaemonHome, registered: false, Token));

        Assert.Equal("/home/other", Assert.Single(await store.ListAsync(Token)).Home.Home);
    }

    [Fact]
    public async Task Record_CreatedThenDeleted_RemembersAndForgets()
    {
        using var store = NewStore();
        await store.SetAsync("cursor", DaemonHome, registered: true, Token);
        var registration = Assert.Single(await store.ListAsync(Token));

        await store.RecordAsync(registration, new ConfigFileChange(true, ["/h/.cursor", "/h/.cursor/mcp.json"], []), Token);
        var afterCreate = Assert.Single(await store.ListAsync(Token)).Created;
        await store.RecordAsync(registration, new ConfigFileChange(true, [], ["/h/.cursor/mcp.json"]), Token);

        Assert.Equal(["/h/.cursor", "/h/.cursor/mcp.json"], afterCreate);
        Assert.Equal(["/h/.cursor"], Assert.Single(await store.ListAsync(Token)).Created);
    }

    public void Dispose() => _directory.Dispose();

    private RegisteredClientStore NewStore() => new(TestPaths.In(_directory), DaemonHome);
}
