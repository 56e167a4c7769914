using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Toolshed.Core.Configuration;
using Toolshed.Core.Workloads;
using Toolshed.Server.Persistence;

namespace Toolshed.Server.Workloads.Persistence;

/// <summary>
/// Desired state in an embedded SQLite database (WAL, one transaction per change), so a crash at any moment leaves
/// either the old or the new row, never half of one.
/// </summary>
public sealed class WorkloadStore
{
    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS workloads (
            name           TEXT PRIMARY KEY NOT NULL,
            spec           TEXT NOT NULL,
            desired_state  TEXT NOT NULL,
            container_id   TEXT NULL,
            restart_count  INTEGER NOT NULL DEFAULT 0,
            last_exit_code INTEGER NULL,
            created_at     TEXT NOT NULL
        );
        """;

    private readonly string _connectionString;

    public WorkloadStore(ToolshedPaths paths)
    {
        _connectionString = StateDatabase.ConnectionString(paths);
        StateDatabase.Initialize(_connectionString, CreateTable);
    }

    public async Task<IReadOnlyList<WorkloadRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, spec, desired_state, container_id, restart_count, last_exit_code, created_at FROM workloads ORDER BY name";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<WorkloadRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(Read(reader));
        }

        return records;
    }

    public async Task<WorkloadRecord?> GetAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, spec, desired_state, container_id, restart_count, last_exit_code, created_at FROM workloads WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>Inserts a new workload; returns false when the name is taken.</summary>
    public async Task<bool> TryInsertAsync(WorkloadRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO workloads (name, spec, desired_state, container_id, restart_count, last_exit_code, created_at)
            VALUES ($name, $spec, $state, $container, $restarts, $exit, $created)
            ON CONFLICT(name) DO NOTHING
            """;
        Bind(command, record);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Replaces an existing workload's row.</summary>
    public async Task UpdateAsync(WorkloadRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE workloads SET spec = $spec, desired_state = $state, container_id = $container,
                restart_count = $restarts, last_exit_code = $exit
            WHERE name = $name
            """;
        Bind(command, record);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM workloads WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) =>
        StateDatabase.OpenAsync(_connectionString, cancellationToken);

    private static void Bind(SqliteCommand command, WorkloadRecord record)
    {
        command.Parameters.AddWithValue("$name", record.Name);
        command.Parameters.AddWithValue("$spec", JsonSerializer.Serialize(record.Spec, WorkloadStoreJsonContext.Default.WorkloadSpec));
        command.Parameters.AddWithValue("$state", record.DesiredState.ToString());
        command.Parameters.AddWithValue("$container", (object?)record.ContainerId ?? DBNull.Value);
        command.Parameters.AddWithValue("$restarts", record.RestartCount);
        command.Parameters.AddWithValue("$exit", (object?)record.LastExitCode ?? DBNull.Value);
        command.Parameters.AddWithValue("$created", record.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
    }

    private static WorkloadRecord Read(SqliteDataReader reader) => new()
    {
        Spec = JsonSerializer.Deserialize(reader.GetString(1), WorkloadStoreJsonContext.Default.WorkloadSpec)
            ?? throw new InvalidDataException($"The stored run config of '{reader.GetString(0)}' is empty."),
        DesiredState = Enum.Parse<WorkloadDesiredState>(reader.GetString(2)),
        ContainerId = reader.IsDBNull(3) ? null : reader.GetString(3),
        RestartCount = reader.GetInt32(4),
        LastExitCode = reader.IsDBNull(5) ? null : reader.GetInt64(5),
        CreatedAt = DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture),
    };
}
