using System.Text.Json;
using Toolshed.Clients;
using Toolshed.Core.Configuration;

namespace Toolshed.Server.Clients;

/// <summary>
/// The registrations, persisted in <c>CONFIG/clients.json</c> (written atomically). A file from before homes were
/// stored lists bare client ids: each becomes a registration for <paramref name="legacyHome"/> (the daemon's home,
/// where those configs were written) and the file is rewritten in the new shape.
/// </summary>
public sealed class RegisteredClientStore(ToolshedPaths paths, ClientHome legacyHome) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public string FilePath => Path.Combine(paths.ConfigDirectory, "clients.json");

    public async Task<IReadOnlyList<RegisteredClient>> ListAsync(CancellationToken cancellationToken)
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

    /// <summary>Adds or removes the registration of a client for a home (with the group it serves, if one); returns
    /// whether anything changed.</summary>
    public Task<bool> SetAsync(string clientId, ClientHome home, bool registered, CancellationToken cancellationToken, string? group = null) =>
        UpdateAsync(current =>
        {
            var existing = current.FindIndex(r => r.IsFor(clientId, home));
            if (registered && existing >= 0 && current[existing].Group != group)
            {
                current[existing] = current[existing] with { Group = group };
                return true;
            }

            if (registered == existing >= 0)
            {
                return false;
            }

            if (registered)
            {
                current.Add(new RegisteredClient { Name = clientId, Home = home, Group = group });
            }
            else
            {
                current.RemoveAt(existing);
            }

            return true;
        }, cancellationToken);

    /// <summary>Remembers what an edit created and forgets what it deleted, for a registration that still exists.</summary>
    public Task<bool> RecordAsync(RegisteredClient registration, ConfigFileChange change, CancellationToken cancellationToken) =>
        change.Created.Count == 0 && change.Deleted.Count == 0
            ? Task.FromResult(false)
            : UpdateAsync(current =>
            {
                var index = current.FindIndex(r => r.IsFor(registration.Name, registration.Home));
                if (index < 0)
                {
                    return false;
                }

                var created = current[index].Created.Union(change.Created, StringComparer.Ordinal).Except(change.Deleted, StringComparer.Ordinal);
                current[index] = current[index] with { Created = [.. created] };
                return true;
            }, cancellationToken);

    public void Dispose() => _gate.Dispose();

    private async Task<bool> UpdateAsync(Func<List<RegisteredClient>, bool> change, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var current = (await ReadAsync(cancellationToken)).ToList();
            if (!change(current))
            {
                return false;
            }

            await WriteAsync(current, cancellationToken);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task WriteAsync(IReadOnlyList<RegisteredClient> registrations, CancellationToken cancellationToken)
    {
        paths.EnsureCreated();
        var temporary = FilePath + ".tmp";
        await File.WriteAllTextAsync(
            temporary, JsonSerializer.Serialize(new RegisteredClientsFile { Clients = registrations }, ClientStoreJsonContext.Default.RegisteredClientsFile), cancellationToken);
        File.Move(temporary, FilePath, overwrite: true);
    }

    private async Task<IReadOnlyList<RegisteredClient>> ReadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(FilePath))
        {
            return [];
        }

        RegisteredClientsFile? file;
        await using (var stream = File.OpenRead(FilePath))
        {
            file = await JsonSerializer.DeserializeAsync(stream, ClientStoreJsonContext.Default.RegisteredClientsFile, cancellationToken);
        }

        if (file?.Registered is not { } legacy)
        {
            return file?.Clients ?? [];
        }

        List<RegisteredClient> migrated = [.. file.Clients];
        migrated.AddRange(legacy.Where(id => !migrated.Any(r => r.IsFor(id, legacyHome))).Select(id => new RegisteredClient { Name = id, Home = legacyHome }));
        await WriteAsync(migrated, cancellationToken);
        return migrated;
    }
}
