using System.CommandLine;
using DuckMart.Data.Ingest;

namespace DuckMart.Cli.Commands;

/// <summary><c>duckmart transform</c>: CSV to validated, typed Parquet plus the rejects files.</summary>
public static class TransformCommand
{
    public static Command Create()
    {
        var users = CommonOptions.UsersCsv();
        var events = CommonOptions.EventsCsv();
        var outDir = new Option<DirectoryInfo>("--out")
        {
            HelpName = "DIR",
            Description = "Directory for users.parquet, events.parquet, rejected-users.csv, rejected-events.csv",
            Required = true,
        };
        var command = new Command("transform", "Validate and normalise the CSVs into Parquet ready to load, with the rejected rows and why")
        {
            users, events, outDir,
        };
        command.SetAction(async (parse, ct) =>
        {
            using var progress = Progress.ForConsole();
            var summary = await ProgressSteps.Transform(progress).TransformAsync(
                parse.GetValue(users)!.FullName, parse.GetValue(events)!.FullName, parse.GetValue(outDir)!.FullName, ct);
            progress.Finish($"transformed {ProgressSteps.Rows(summary):N0} rows", ProgressSteps.Rows(summary));
            Console.Out.WriteLine(summary.ToString());
            return 0;
        });
        return command;
    }
}
