using DuckDB.NET.Data;
using DuckMart.Data;

namespace DuckMart.Api.Tests.Reliability;

/// <summary>
/// A small DuckMart database in a temporary file, made with the real DDL, whose row counts the fuzz tests
/// check again afterwards: hostile input must leave the tables as they were.
/// </summary>
public sealed class ReliabilityDatabase : IDisposable
{
    public const int Users = 200;
    public const int Events = 2_000;

    private static readonly string[] Locations = ["California", "New York", "Texas", "O'Brien's Town", "50% off", "a_b", "back\\slash", "Zürich", "東京"];
    private static readonly string[] EventNames = ["LOGIN", "VIEW_PRODUCT", "ADDED_TO_CART", "PURCHASE_MADE", "LOGOUT"];

    private ReliabilityDatabase(string directory)
    {
        Directory = directory;
        Path = System.IO.Path.Combine(directory, "duckmart.duckdb");
    }

    public string Directory { get; }

    public string Path { get; }

    public static ReliabilityDatabase Create()
    {
        var database = new ReliabilityDatabase(System.IO.Directory.CreateTempSubdirectory("duckmart-reliability-").FullName);
        using var connection = new DuckDBConnection($"Data Source={database.Path}");
        connection.Open();
        Execute(connection, Schema.CreateUsers);
        Execute(connection, Schema.CreateEvents);
        // Deterministic rows with NULLs and awkward strings (quotes, LIKE wildcards, backslash, non-ASCII).
        Execute(connection, $"""
            INSERT INTO users
            SELECT i, 'User ' || i,
                   CASE WHEN i % 10 = 0 THEN NULL ELSE 18 + i % 60 END,
                   CASE i % 3 WHEN 0 THEN 'F' WHEN 1 THEN 'M' ELSE NULL END,
                   ['{string.Join("','", Locations.Select(l => l.Replace("'", "''", StringComparison.Ordinal)))}'][1 + i % {Locations.Length}],
                   DATE '2022-01-01' + CAST(i * 3 AS INTEGER),
                   ['free', 'basic', 'premium'][1 + i % 3],
                   ['iOS', 'Android', 'Web'][1 + i % 3]
            FROM range(1, {Users + 1}) t(i)
            """);
        Execute(connection, $"""
            INSERT INTO events
            SELECT 1 + i % {Users}, ['{string.Join("','", EventNames)}'][1 + (i * 7) % {EventNames.Length}],
                   TIMESTAMP '2025-01-01' + to_seconds(CAST(i * 3607 AS BIGINT))
            FROM range(0, {Events}) t(i)
            """);
        Execute(connection, "CHECKPOINT");
        return database;
    }

    /// <summary>Counts read through a fresh read-only connection, as a server would see them.</summary>
    public (long Users, long Events) Counts()
    {
        using var connection = new DuckDBConnection($"Data Source={Path};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM events)";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A server still closing its connection; the temp folder is cleaned eventually.
        }
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
