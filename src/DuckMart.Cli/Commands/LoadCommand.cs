using System.CommandLine;
using DuckMart.Data.Ingest;
using DuckMart.Data.Publishing;

namespace DuckMart.Cli.Commands;

/// <summary><c>duckmart load</c>: what <c>transform</c> wrote, into a new database published over FILE.</summary>
public static class LoadCommand
{
    public static Command Create()
    {
        var from = new Option<DirectoryInfo>("--from") { HelpName = "DIR", Description = "Directory written by 'duckmart transform'", Required = true };
        var db = CommonOptions.Database(required: false);
        var clickhouse = CommonOptions.ClickHouse();
        var command = new Command("load", "Load transformed files into the DuckDB database FILE (or the ClickHouse cluster at --clickhouse URL), replacing its data as one unit")
        {
            from, db, clickhouse,
        };
        CommonOptions.OneTarget(command, db, clickhouse, from);
        command.SetAction(async (parse, ct) =>
        {
            var dir = parse.GetValue(from)!.FullName;
            if (!Directory.Exists(dir))
            {
                throw new IngestException($"{dir}: directory not found");
            }

            var summary = TransformSummary.Load(dir);
            using var progress = Progress.ForConsole();
            if (parse.GetValue(clickhouse) is { } url)
            {
                await new DuckMart.Data.ClickHouse.ClickHousePublisher(progress.Line).PublishAsync(dir, url, ct);
            }
            else
            {
                await ProgressSteps.Load(progress, summary).PublishAsync(dir, parse.GetValue(db)!.FullName, ct);
            }

            progress.Finish($"loaded {summary.UsersLoaded + summary.EventsLoaded:N0} rows", summary.UsersLoaded + summary.EventsLoaded);
            Console.Out.WriteLine(summary.ToString());
            return 0;
        });
        return command;
    }
}
