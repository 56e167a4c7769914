using System.Text;
using Microsoft.Data.Sqlite;

namespace Toolshed.Proxy.Groups.Optimizer;

/// <summary>
/// A ranked search over one set of tools: an in-memory SQLite FTS5 table of names and descriptions (names split at
/// '_', '-' and '.', words stemmed), ranked by BM25 with a name match weighing more than a description one. Built once
/// per set; searches are serialized (one connection).
/// </summary>
internal sealed class ToolIndex : IDisposable
{
    private const int MaxQueryTerms = 32;
    private const double NameWeight = 4.0;
    private const double DescriptionWeight = 1.0;

    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();
    private bool _disposed;

    private ToolIndex(SqliteConnection connection) => _connection = connection;

    public static ToolIndex Build(IEnumerable<(string Name, string Description)> tools)
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE VIRTUAL TABLE tools USING fts5(name, words, description, tokenize = 'porter unicode61');";
            create.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO tools (name, words, description) VALUES ($name, $words, $description)";
        var name = insert.Parameters.Add("$name", SqliteType.Text);
        var words = insert.Parameters.Add("$words", SqliteType.Text);
        var description = insert.Parameters.Add("$description", SqliteType.Text);
        foreach (var tool in tools)
        {
            name.Value = tool.Name;
            words.Value = SplitName(tool.Name);
            description.Value = tool.Description;
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
        return new ToolIndex(connection);
    }

    /// <summary>The names best matching <paramref name="query"/>, best first; nothing for a query without words.</summary>
    public IReadOnlyList<string> Search(string query, int limit)
    {
        var match = MatchExpression(query);
        if (match is null)
        {
            return [];
        }

        lock (_lock)
        {
            if (_disposed)
            {
                return []; // evicted while this search waited: the next one gets a fresh index
            }

            using var command = _connection.CreateCommand();
            command.CommandText = $"""
                SELECT name FROM tools WHERE tools MATCH $match
                ORDER BY bm25(tools, 0.0, {NameWeight.ToString(System.Globalization.CultureInfo.InvariantCulture)}, {DescriptionWeight.ToString(System.Globalization.CultureInfo.InvariantCulture)})
                LIMIT $limit
                """;
            command.Parameters.AddWithValue("$match", match);
            command.Parameters.AddWithValue("$limit", limit);
            using var reader = command.ExecuteReader();
            var names = new List<string>();
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }

            return names;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _connection.Dispose();
        }
    }

    /// <summary>"read_text-file" → "read text file": the words a name is made of, for matching.</summary>
    private static string SplitName(string name) => name.Replace('_', ' ').Replace('-', ' ').Replace('.', ' ');

    /// <summary>
    /// The query's words, each quoted (so nothing in it is FTS5 syntax) and OR-ed against the words and description
    /// columns: any word may match, BM25 ranks the tools matching more and rarer words first.
    /// </summary>
    private static string? MatchExpression(string query)
    {
        var terms = new List<string>();
        var word = new StringBuilder();
        foreach (var c in query + " ")
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
                continue;
            }

            if (word.Length > 0 && terms.Count < MaxQueryTerms)
            {
                terms.Add(word.ToString());
            }

            word.Clear();
        }

        return terms.Count == 0 ? null : "{words description} : (" + string.Join(" OR ", terms.Select(t => $"\"{t}\"")) + ")";
    }
}
