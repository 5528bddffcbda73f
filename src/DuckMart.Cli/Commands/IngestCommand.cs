using System.CommandLine;
using DuckMart.Data.Ingest;
using DuckMart.Data.Publishing;

namespace DuckMart.Cli.Commands;

/// <summary><c>duckmart ingest</c>: transform into a temporary directory, then load; the rejects files are kept beside FILE.</summary>
public static class IngestCommand
{
    public static Command Create()
    {
        var users = CommonOptions.UsersCsv();
        var events = CommonOptions.EventsCsv();
        var db = CommonOptions.Database(required: false);
        var clickhouse = CommonOptions.ClickHouse();
        var command = new Command("ingest", "Transform and load in one go; rejected rows go to FILE.rejected-users.csv and FILE.rejected-events.csv (with --clickhouse: beside events.csv)")
        {
            users, events, db, clickhouse,
        };
        CommonOptions.OneTarget(command, db, clickhouse, users, events);
        command.SetAction(async (parse, ct) =>
        {
            var url = parse.GetValue(clickhouse);
            // With --clickhouse there is no database file: the work directory and the kept rejects go beside events.csv.
            var target = url is null ? parse.GetValue(db)!.FullName : Path.ChangeExtension(parse.GetValue(events)!.FullName, null);
            if (url is not null)
            {
                await DuckMart.Data.ClickHouse.ClickHousePublisher.CheckAsync(url, ct);
            }

            var dbDir = Path.GetDirectoryName(target)!;
            if (!Directory.Exists(dbDir))
            {
                throw new IngestException($"{target}: directory {dbDir} does not exist");
            }

            // Beside the database: same disk, and room for the Parquet files is room for the database.
            var workPrefix = $".{Path.GetFileName(target)}.ingest-";
            LeftoverFiles.Sweep(dbDir, workPrefix, LeftoverFiles.LeadingPid);
            var work = Path.Combine(dbDir, workPrefix + Environment.ProcessId);
            try
            {
                using var progress = Progress.ForConsole();
                var summary = await ProgressSteps.Transform(progress).TransformAsync(
                    parse.GetValue(users)!.FullName, parse.GetValue(events)!.FullName, work, ct);
                if (url is null)
                {
                    await ProgressSteps.Load(progress, summary).PublishAsync(work, target, ct);
                }
                else
                {
                    await new DuckMart.Data.ClickHouse.ClickHousePublisher(progress.Line).PublishAsync(work, url, ct);
                }

                KeepRejects(work, target);
                progress.Finish($"ingested {ProgressSteps.Rows(summary):N0} rows", ProgressSteps.Rows(summary));
                Console.Out.WriteLine(summary.ToString());
                return 0;
            }
            finally
            {
                if (Directory.Exists(work))
                {
                    Directory.Delete(work, recursive: true);
                }
            }
        });
        return command;
    }

    private static void KeepRejects(string work, string target)
    {
        foreach (var name in new[] { TransformedFiles.RejectedUsers, TransformedFiles.RejectedEvents })
        {
            File.Move(Path.Combine(work, name), $"{target}.{name}", overwrite: true);
        }
    }
}
