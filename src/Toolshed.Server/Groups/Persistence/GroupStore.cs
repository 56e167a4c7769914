using System.Text.Json;
using Microsoft.Data.Sqlite;
using Toolshed.Core.Configuration;
using Toolshed.Core.Groups;
using Toolshed.Server.Persistence;

namespace Toolshed.Server.Groups.Persistence;

/// <summary>Groups in the desired state: a table beside the workloads' in the same SQLite database, one row per group.</summary>
public sealed class GroupStore
{
    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS groups (
            name TEXT PRIMARY KEY NOT NULL,
            spec TEXT NOT NULL
        );
        """;

    private readonly string _connectionString;

    public GroupStore(ToolshedPaths paths)
    {
        _connectionString = StateDatabase.ConnectionString(paths);
        StateDatabase.Initialize(_connectionString, CreateTable);
    }

    public async Task<IReadOnlyList<GroupSpec>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, spec FROM groups ORDER BY name";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var groups = new List<GroupSpec>();
        while (await reader.ReadAsync(cancellationToken))
        {
            groups.Add(Read(reader));
        }

        return groups;
    }

    public async Task<GroupSpec?> GetAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, spec FROM groups WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>Inserts a new group; false when the name is taken.</summary>
    public async Task<bool> TryInsertAsync(GroupSpec group, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO groups (name, spec) VALUES ($name, $spec) ON CONFLICT(name) DO NOTHING";
        Bind(command, group);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task UpdateAsync(GroupSpec group, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE groups SET spec = $spec WHERE name = $name";
        Bind(command, group);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM groups WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) =>
        StateDatabase.OpenAsync(_connectionString, cancellationToken);

    private static void Bind(SqliteCommand command, GroupSpec group)
    {
        command.Parameters.AddWithValue("$name", group.Name);
        command.Parameters.AddWithValue("$spec", JsonSerializer.Serialize(group, GroupStoreJsonContext.Default.GroupSpec));
    }

    private static GroupSpec Read(SqliteDataReader reader) =>
        JsonSerializer.Deserialize(reader.GetString(1), GroupStoreJsonContext.Default.GroupSpec)
            ?? throw new InvalidDataException($"The stored group '{reader.GetString(0)}' is empty.");
}
