using Toolshed.Clients;
using Toolshed.Core.IO;
using Toolshed.Testing;

namespace Toolshed.Clients.Tests;

/// <summary>
/// Files Toolshed creates get no backup and go away with their last entry (with the directories made for them);
/// files that were there before keep their backup and are never deleted.
/// </summary>
public sealed class ConfigFileCreationTests : IDisposable
{
    private static readonly McpClientDefinition s_windsurf = McpClientCatalog.Find("windsurf")!;
    private static readonly ConfigEntry s_entry = s_windsurf.EntryFor(new WorkloadEndpoint("github", 40123), StdioBridge.Default);
    private readonly TemporaryDirectory _home = new("toolshed-config-creation");
    private readonly List<string> _created = [];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string ConfigPath => s_windsurf.ConfigPath(new ClientEnvironment(_home.Path, ClientPlatform.Linux));

    private static string EmptyText => s_windsurf.Editor.Remove(s_windsurf.Editor.Upsert("", s_windsurf.Location, s_entry), s_windsurf.Location, s_entry.Name);

    [Fact]
    public async Task Add_NothingThere_CreatesFileAndDirectoriesWithoutBackupAndReportsThem()
    {
        var change = await EditAsync(Add);

        Assert.True(change.Written);
        Assert.Equal([_home.Combine(".codeium"), _home.Combine(".codeium", "windsurf"), ConfigPath], change.Created);
        Assert.False(File.Exists(ConfigPath + ClientConfigFile.BackupSuffix));
    }

    [Fact]
    public async Task RemoveLast_FileToolshedCreated_DeletesFileAndTheDirectoriesItMade()
    {
        await EditAsync(Add);
        await EditAsync(Add);

        var change = await EditAsync(Remove);

        Assert.Equal([ConfigPath, _home.Combine(".codeium", "windsurf"), _home.Combine(".codeium")], change.Deleted);
        Assert.False(Directory.Exists(_home.Combine(".codeium")));
        Assert.True(Directory.Exists(_home.Path));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_home.Path));
    }

    [Fact]
    public async Task RemoveLast_UserAddedAServerToToolshedsFile_KeepsFileWithTheirsAndMakesNoBackup()
    {
        await EditAsync(Add);
        var theirs = s_windsurf.EntryFor(new WorkloadEndpoint("mine", 1234), StdioBridge.Default) with { Name = "mine" };
        await File.WriteAllTextAsync(ConfigPath, s_windsurf.Editor.Upsert(await File.ReadAllTextAsync(ConfigPath, Token), s_windsurf.Location, theirs), Token);

        var change = await EditAsync(Remove);

        Assert.Empty(change.Deleted);
        Assert.Equal(["mine"], s_windsurf.Editor.EntryNames(await File.ReadAllTextAsync(ConfigPath, Token), s_windsurf.Location));
        Assert.False(File.Exists(ConfigPath + ClientConfigFile.BackupSuffix));
    }

    [Fact]
    public async Task RemoveLast_FileThatExistedBefore_KeptAsItWasWithBackupOfTheOriginal()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(ConfigPath)!);
        await File.WriteAllTextAsync(ConfigPath, EmptyText, Token);

        var added = await EditAsync(Add);
        var removed = await EditAsync(Remove);

        Assert.Empty(added.Created);
        Assert.Empty(removed.Deleted);
        Assert.Equal(EmptyText, await File.ReadAllTextAsync(ConfigPath, Token));
        Assert.Equal(EmptyText, await File.ReadAllTextAsync(ConfigPath + ClientConfigFile.BackupSuffix, Token));
    }

    [Fact]
    public async Task RemoveLast_DirectoryExistedBefore_OnlyTheFileGoes()
    {
        Directory.CreateDirectory(_home.Combine(".codeium", "windsurf"));
        await EditAsync(Add);

        var change = await EditAsync(Remove);

        Assert.Equal([ConfigPath], change.Deleted);
        Assert.True(Directory.Exists(_home.Combine(".codeium", "windsurf")));
    }

    [Fact]
    public async Task Add_ConfigDirectoryOfAnotherUid_RefusedAndNothingRead()
    {
        Directory.CreateDirectory(_home.Combine(".codeium", "windsurf"));
        await File.WriteAllTextAsync(ConfigPath, "{\"secret\": 1}", Token);
        UnixOwner.GiveTo(_home.Combine(".codeium"), new FileOwnerId(4242, 4242));

        var error = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => EditAsync(Add));

        Assert.Contains($"{_home.Combine(".codeium")} belongs to uid 4242", error.Message, StringComparison.Ordinal);
        Assert.Equal("{\"secret\": 1}", await File.ReadAllTextAsync(ConfigPath, Token));
    }

    [Fact]
    public async Task Add_ConfigDirectoryLinkedToAnotherUsersDirectory_Refused()
    {
        using var elsewhere = new TemporaryDirectory("toolshed-config-elsewhere");
        UnixOwner.GiveTo(elsewhere.Path, new FileOwnerId(4242, 4242));
        Directory.CreateSymbolicLink(_home.Combine(".codeium"), elsewhere.Path);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => EditAsync(Add));

        Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere.Path));
    }

    [Fact]
    public async Task Add_ForAnotherUserAsRoot_WhatToolshedCreatesIsTheirs()
    {
        Assert.Equal(0, UnixOwner.EffectiveUid());
        UnixOwner.GiveTo(_home.Path, new FileOwnerId(4242, 4343));

        await EditAsync(Add, new FileOwnerId(4242, 4343));

        Assert.Equal(new FileOwnerId(4242, 4343), UnixOwner.Of(ConfigPath));
        Assert.Equal(new FileOwnerId(4242, 4343), UnixOwner.Of(_home.Combine(".codeium", "windsurf")));
        Assert.Equal(new FileOwnerId(4242, 4343), UnixOwner.Of(_home.Combine(".codeium")));
    }

    public void Dispose() => _home.Dispose();

    private static string Add(string text) => s_windsurf.Editor.Upsert(text, s_windsurf.Location, s_entry);

    private static string Remove(string text) => s_windsurf.Editor.Remove(text, s_windsurf.Location, s_entry.Name);

    private async Task<ConfigFileChange> EditAsync(Func<string, string> edit, FileOwnerId? owner = null)
    {
        var change = await ClientConfigFile.EditAsync(ConfigPath, new ConfigFileEdit
        {
            Edit = edit,
            CreatedEarlier = [.. _created],
            EmptyText = EmptyText,
            Owner = owner ?? new FileOwnerId(0, 0),
            Roots = [_home.Path],
        }, Token);
        _created.AddRange(change.Created);
        _created.RemoveAll(change.Deleted.Contains);
        return change;
    }
}
