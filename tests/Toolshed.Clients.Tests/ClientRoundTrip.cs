using Toolshed.Clients;
using Toolshed.Testing;

namespace Toolshed.Clients.Tests;

/// <summary>Register + run + rm against one client's file in a fake home: returns the file after each step.</summary>
internal static class ClientRoundTrip
{
    public static readonly WorkloadEndpoint Github = new("github", 40123);

    public static async Task<(string AfterAdd, string AfterRemove, string? Backup)> RunAsync(string clientId, string? initial)
    {
        using var home = new TemporaryDirectory("toolshed-clients");
        var environment = new ClientEnvironment(home.Path, ClientPlatform.Linux);
        var client = McpClientCatalog.Find(clientId) ?? throw new InvalidOperationException(clientId);
        var path = client.ConfigPath(environment);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (initial is not null)
        {
            await File.WriteAllTextAsync(path, initial, TestContext.Current.CancellationToken);
        }

        var entry = client.EntryFor(Github, StdioBridge.Default);
        // What the daemon remembers between edits: the paths Toolshed created.
        var created = new List<string>();
        async Task EditAsync(Func<string, string> edit) =>
            created.AddRange((await ClientConfigFile.EditAsync(path, new ConfigFileEdit { Edit = edit, CreatedEarlier = created }, TestContext.Current.CancellationToken)).Created);

        await EditAsync(text => client.Editor.Upsert(text, client.Location, entry));
        var afterAdd = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
        // A second start of the same workload changes nothing.
        await EditAsync(text => client.Editor.Upsert(text, client.Location, entry));
        Assert.Equal(afterAdd, await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
        await EditAsync(text => client.Editor.Remove(text, client.Location, entry.Name));
        var afterRemove = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
        var backupPath = path + ClientConfigFile.BackupSuffix;
        var backup = File.Exists(backupPath) ? await File.ReadAllTextAsync(backupPath, TestContext.Current.CancellationToken) : null;
        return (afterAdd, afterRemove, backup);
    }

    /// <summary>The usual case: the entry lands as expected, removing it restores the file byte for byte, and the backup is the original.</summary>
    public static async Task AssertAsync(string clientId, string initial, string expectedAfterAdd)
    {
        var (afterAdd, afterRemove, backup) = await RunAsync(clientId, initial);
        Assert.Equal(expectedAfterAdd, afterAdd);
        Assert.Equal(initial, afterRemove);
        Assert.Equal(initial, backup);
    }
}
