using DuckDB.NET.Data;
using DuckMart.Data.Ingest;
using DuckMart.Data.Publishing;

namespace DuckMart.Data.Tests;

/// <summary>Transform + load of small CSV texts into a fresh database, and ways to look at the result.</summary>
public sealed class IngestRun : IDisposable
{
    public const string UsersHeader = "user_id,name,age,gender,location,signup_date,subscription_plan,device_type";
    public const string EventsHeader = "user_id,event_name,timestamp";

    private readonly TempDirectory _dir = new();

    public string Database => _dir.File("test.duckdb");

    public string OutDir => _dir.File("out");

    public TransformSummary Summary { get; private set; } = null!;

    public static IngestRun Of(string usersCsv, string eventsCsv)
    {
        var run = new IngestRun();
        run.Ingest(usersCsv, eventsCsv);
        return run;
    }

    public void Ingest(string usersCsv, string eventsCsv)
    {
        var users = _dir.Write("users.csv", usersCsv);
        var events = _dir.Write("events.csv", eventsCsv);
        Summary = new IngestPipeline().TransformAsync(users, events, OutDir).GetAwaiter().GetResult();
        new DatabasePublisher().PublishAsync(OutDir, Database).GetAwaiter().GetResult();
    }

    /// <summary>The rejects file as rows of fields (header first), parsed back with CsvHelper.</summary>
    public List<string[]> Rejects(string name)
    {
        using var reader = CsvHelper.CsvReader.FromFile(System.IO.Path.Combine(OutDir, name), new CsvHelper.CsvReaderOptions { HasHeader = false, Separator = ',' });
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        }

        return rows;
    }

    public List<object?[]> Query(string sql) => Query(Database, sql);

    public static List<object?[]> Query(string database, string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={database};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public long Scalar(string sql) => Convert.ToInt64(Query(sql)[0][0], System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose() => _dir.Dispose();
}
