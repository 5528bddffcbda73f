using System.CommandLine;
using DuckMart.Generator;

namespace DuckMart.Cli.Commands;

/// <summary><c>duckmart generate</c>: a realistic, reproducible Mockaroo-style data set.</summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var outDir = new Option<DirectoryInfo>("--out") { HelpName = "DIR", Description = "Directory to write users.csv and events.csv into (created if missing)", Required = true };
        var users = new Option<int>("--users") { HelpName = "N", Description = "Number of users (events average ~50 a user)", DefaultValueFactory = _ => 10_000 };
        var seed = new Option<int>("--seed") { HelpName = "S", Description = "Random seed: the same users and seed give the same bytes", DefaultValueFactory = _ => 42 };
        var dirty = new Option<double>("--dirty") { HelpName = "RATE", Description = "Share (0..1) of extra invalid rows for transform to reject", DefaultValueFactory = _ => 0 };
        var now = new Option<string>("--now")
        {
            HelpName = "T",
            Description = "The instant the data ends just before (ISO 8601, e.g. 2025-12-31T00:00:00Z); default: the moment it runs. Pass it for the same bytes again",
        };
        users.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 0)
            {
                r.AddError("--users must be 0 or more");
            }
        });
        dirty.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is < 0 or > 1)
            {
                r.AddError("--dirty must be between 0 and 1");
            }
        });

        var command = new Command("generate", "Write DIR/users.csv and DIR/events.csv, Mockaroo-style, ending at --now (default: now), deterministic by seed and --now")
        {
            outDir, users, seed, dirty, now,
        };
        command.SetAction(parse =>
        {
            var options = new GeneratorOptions
            {
                Users = parse.GetValue(users),
                Seed = parse.GetValue(seed),
                DirtyRate = parse.GetValue(dirty),
                Now = parse.GetValue(now) is { } text ? ParseNow(text) : GeneratorOptions.ClockNow(TimeProvider.System),
            };
            var dir = parse.GetValue(outDir)!.FullName;
            GenerationReport report;
            using var progress = Progress.ForConsole();
            try
            {
                report = new DataSetGenerator(options).Generate(
                    dir, progress.Line, (done, rows) => progress.Update("generate", options.Users == 0 ? 1 : (double)done / options.Users, rows));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliError($"{dir}: cannot write the data set ({ex.Message})");
            }

            var rows = report.UserRows + report.EventRows;
            progress.Finish($"generated {report.UserRows:N0} user rows and {report.EventRows:N0} event rows", rows);
            Console.Out.WriteLine(
                $"users: {report.UserRows} rows ({report.DirtyUsers} dirty); events: {report.EventRows} rows ({report.DirtyEvents} dirty), ending before {options.Now:yyyy-MM-dd'T'HH:mm:ss'Z'} in {dir}");
            return 0;
        });
        return command;
    }

    /// <summary>An instant with Z or an offset, or a plain date (midnight UTC); anything else is one clear CLI error.</summary>
    internal static DateTime ParseNow(string text)
    {
        var styles = System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal;
        if (DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd"], System.Globalization.CultureInfo.InvariantCulture, styles, out var value))
        {
            return value.UtcDateTime;
        }

        throw new CliError($"--now: '{text}' is not an ISO 8601 instant such as 2025-12-31T00:00:00Z or a date such as 2025-12-31");
    }
}
