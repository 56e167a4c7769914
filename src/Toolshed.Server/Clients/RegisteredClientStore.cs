using System.Text.Json;
using Toolshed.Core.Configuration;

namespace Toolshed.Server.Clients;

/// <summary>The clients the user registered, persisted in <c>CONFIG/clients.json</c> (written atomically).</summary>
public sealed class RegisteredClientStore(ToolshedPaths paths) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public string FilePath => Path.Combine(paths.ConfigDirectory, "clients.json");

    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await ReadAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Adds or removes a client id; returns whether the set changed.</summary>
    public async Task<bool> SetAsync(string clientId, bool registered, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var current = (await ReadAsync(cancellationToken)).ToList();
            var changed = registered ? !current.Contains(clientId) : current.Remove(clientId);
            if (!changed)
            {
                return false;
            }

            if (registered)
            {
                current.Add(clientId);
            }

            paths.EnsureCreated();
            var temporary = FilePath + ".tmp";
            await File.WriteAllTextAsync(
                temporary, JsonSerializer.Serialize(new RegisteredClientsFile { Registered = current }, ClientStoreJsonContext.Default.RegisteredClientsFile), cancellationToken);
            File.Move(temporary, FilePath, overwrite: true);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<IReadOnlyList<string>> ReadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(FilePath))
        {
            return [];
        }

        await using var stream = File.OpenRead(FilePath);
        var file = await JsonSerializer.DeserializeAsync(stream, ClientStoreJsonContext.Default.RegisteredClientsFile, cancellationToken);
        return file?.Registered ?? [];
    }
}
