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

        var command = new Command("generate", "Write DIR/users.csv and DIR/events.csv, Mockaroo-style, deterministic by seed")
        {
            outDir, users, seed, dirty,
        };
        command.SetAction(parse =>
        {
            var options = new GeneratorOptions
            {
                Users = parse.GetValue(users),
                Seed = parse.GetValue(seed),
                DirtyRate = parse.GetValue(dirty),
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
                $"users: {report.UserRows} rows ({report.DirtyUsers} dirty); events: {report.EventRows} rows ({report.DirtyEvents} dirty) in {dir}");
            return 0;
        });
        return command;
    }
}
