using System.CommandLine;

namespace DuckMart.Cli.Commands;

/// <summary>Options several commands share, spelled and described once.</summary>
internal static class CommonOptions
{
    public static Option<FileInfo> UsersCsv() =>
        new("--users") { HelpName = "U.csv", Description = "users.csv: user_id,name,age,gender,location,signup_date,subscription_plan,device_type", Required = true };

    public static Option<FileInfo> EventsCsv() =>
        new("--events") { HelpName = "E.csv", Description = "events.csv: user_id,event_name,timestamp", Required = true };

    public static Option<FileInfo> Database(bool required = true) =>
        new("--db") { HelpName = "FILE", Description = "The DuckDB database file to replace (published atomically; readers see old or new)", Required = required };

    /// <summary>The load target instead of --db: a ClickHouse cluster (CONTRACT.md section 6).</summary>
    public static Option<string> ClickHouse() =>
        new("--clickhouse") { HelpName = "URL", Description = "Load into the ClickHouse cluster 'duckmart' whose first server answers at URL (e.g. http://127.0.0.1:8123/) instead of --db" };

    /// <summary>ingest and load write to exactly one place: a DuckDB file or a ClickHouse cluster.</summary>
    public static void OneTarget(Command command, Option<FileInfo> db, Option<string> clickhouse, params Option[] required) =>
        command.Validators.Add(result =>
        {
            var hasDb = result.GetResult(db) is not null;
            var hasClickHouse = result.GetResult(clickhouse) is not null;
            // A missing required option is the first thing to say; this check only follows it.
            if (hasDb == hasClickHouse && required.All(o => result.GetResult(o) is not null))
            {
                result.AddError(hasDb
                    ? "Give --db FILE or --clickhouse URL, not both"
                    : "Option '--db' is required (or '--clickhouse URL' to load into ClickHouse)");
            }
        });
}
