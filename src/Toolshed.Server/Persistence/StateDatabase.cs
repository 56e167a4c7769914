using Microsoft.Data.Sqlite;
using Toolshed.Core.Configuration;

namespace Toolshed.Server.Persistence;

/// <summary>
/// The daemon's one SQLite database of desired state (workloads, groups): how it is opened (WAL, full sync, a busy
/// timeout) and made readable by its owner only. Each store keeps its own table in it.
/// </summary>
internal static class StateDatabase
{
    public static string ConnectionString(ToolshedPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        paths.EnsureCreated();
        return new SqliteConnectionStringBuilder
        {
            DataSource = paths.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
        }.ToString();
    }

    /// <summary>Creates the store's table (<paramref name="createTable"/>) if it is not there yet.</summary>
    public static void Initialize(string connectionString, string createTable)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;\nPRAGMA synchronous = FULL;\n" + createTable;
        command.ExecuteNonQuery();
        var path = Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);
        if (!OperatingSystem.IsWindows() && File.Exists(path))
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    public static async Task<SqliteConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 5000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }
}
