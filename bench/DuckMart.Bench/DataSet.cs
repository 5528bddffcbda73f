using System.Diagnostics;
using DuckDB.NET.Data;

namespace DuckMart.Bench;

/// <summary>
/// The benchmark's data: built once per size with the project's own `generate` and `ingest`, then kept
/// (bench/data is git-ignored) because building 50M events takes minutes. CSVs live in csv-N so that
/// data sets of several sizes can sit side by side.
/// </summary>
public sealed record DataSet(string DatabasePath, long Users, long Events, long FileBytes, string DuckDbVersion, double? BuildSeconds)
{
    public static async Task<DataSet> EnsureAsync(DuckMartCli cli, string dataDir, int users, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dataDir);
        var csv = Path.Combine(dataDir, $"csv-{users}");
        var db = Path.Combine(dataDir, $"duckmart-{users}.duckdb");
        double? buildSeconds = null;
        if (!File.Exists(db))
        {
            var started = Stopwatch.GetTimestamp();
            if (!File.Exists(Path.Combine(csv, "users.csv")) || !File.Exists(Path.Combine(csv, "events.csv")))
            {
                await cli.RunAsync(cancellationToken, "generate", "--out", csv, "--users", users.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "42", "--now", BenchClock.AsOf.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
            }

            try
            {
                await cli.RunAsync(cancellationToken, "ingest", "--users", Path.Combine(csv, "users.csv"), "--events", Path.Combine(csv, "events.csv"), "--db", db);
            }
            catch
            {
                // A half-built database would be taken as complete next run.
                File.Delete(db);
                throw;
            }

            buildSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        }

        using var connection = OpenReadOnly(db);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM events), version()";
        using var reader = command.ExecuteReader();
        reader.Read();
        return new DataSet(Path.GetFullPath(db), reader.GetInt64(0), reader.GetInt64(1), new FileInfo(db).Length, reader.GetString(2), buildSeconds);
    }

    /// <summary>
    /// Read-only, as the server opens it, so that the hand SQL, the engine and a server process can all have
    /// the file open at once (DuckDB lets several read-only openers share a file, but not a writer).
    /// </summary>
    public static DuckDBConnection OpenReadOnly(string path)
    {
        var connection = new DuckDBConnection($"Data Source={Path.GetFullPath(path)};ACCESS_MODE=READ_ONLY");
        connection.Open();
        return connection;
    }
}
