using System.Diagnostics;
using DuckDB.NET.Data;
using DuckMart.Data;

// Usage: IngestBaseline USERS.csv EVENTS.csv DB
// Loads the CSVs with DuckDB's read_csv straight into the schema of Schema.cs, events sorted as
// `duckmart load` sorts them, with no validation: the lower bound `duckmart ingest` is measured against.
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: IngestBaseline USERS.csv EVENTS.csv DB");
    return 2;
}

var (users, events, db) = (Path.GetFullPath(args[0]), Path.GetFullPath(args[1]), Path.GetFullPath(args[2]));
File.Delete(db);
var watch = Stopwatch.StartNew();
using var connection = new DuckDBConnection($"Data Source={db}");
connection.Open();
Execute("SET TimeZone = 'UTC'");
Execute(Schema.CreateUsers);
Execute(Schema.CreateEvents);
Execute($"""
    INSERT INTO users
    SELECT user_id, name, age, gender, location,
           COALESCE(try_strptime(signup_date, '%m/%d/%Y'), try_strptime(signup_date, '%Y-%m-%d'))::DATE,
           subscription_plan, device_type
    FROM read_csv('{users}', header = true, all_varchar = true)
    ORDER BY user_id::BIGINT
    """);
Console.WriteLine($"read_csv users: {watch.Elapsed.TotalSeconds:F1} s");
Execute($"""
    INSERT INTO events
    SELECT user_id, event_name, "timestamp"::TIMESTAMPTZ::TIMESTAMP
    FROM read_csv('{events}', header = true,
                  columns = {"{"}'user_id': 'BIGINT', 'event_name': 'VARCHAR', 'timestamp': 'VARCHAR'{"}"})
    ORDER BY event_name, user_id, "timestamp"
    """);
Console.WriteLine($"read_csv events: {watch.Elapsed.TotalSeconds:F1} s");
Execute("CHECKPOINT");
Console.WriteLine($"read_csv total: {watch.Elapsed.TotalSeconds:F1} s");
return 0;

void Execute(string sql)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    command.ExecuteNonQuery();
}
