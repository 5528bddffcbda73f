using System.Diagnostics;

namespace DuckMart.Cli.Tests;

/// <summary>A killed <c>duckmart load</c> process leaves the previous database intact (the in-process cases are in Data.Tests' PublishTests).</summary>
public class PublishProcessTests
{
    [Fact]
    public async Task A_killed_load_process_leaves_the_old_database_and_the_next_load_sweeps_its_file()
    {
        using var dir = new TempDirectory();
        var db = dir.File("shop.duckdb");
        await CliProcess.RunOk($"generate --out {dir.File("csv")} --users 20000 --seed 5");
        await CliProcess.RunOk($"ingest --users {dir.File("csv/users.csv")} --events {dir.File("csv/events.csv")} --db {db}");
        var before = IngestRun.Query(db, "SELECT count(*) FROM events")[0][0];
        await CliProcess.RunOk($"transform --users {dir.File("csv/users.csv")} --events {dir.File("csv/events.csv")} --out {dir.File("t")}");

        // Kill the load as soon as it has started building its new file.
        using var load = CliProcess.Start($"load --from {dir.File("t")} --db {db}");
        var watch = Stopwatch.StartNew();
        while (Directory.GetFiles(dir.Path, "shop.duckdb.loading-*").Length == 0 && !load.HasExited && watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(5);
        }

        load.HasExited.Should().BeFalse("the load must still be running when it is killed");
        load.Kill(entireProcessTree: true);
        await load.WaitForExitAsync();

        IngestRun.Query(db, "SELECT count(*) FROM events")[0][0].Should().Be(before);
        Directory.GetFiles(dir.Path, "shop.duckdb.loading-*").Should().NotBeEmpty("the killed load leaves its half-built file");

        await CliProcess.RunOk($"load --from {dir.File("t")} --db {db}");
        Directory.GetFiles(dir.Path, "shop.duckdb.loading-*").Should().BeEmpty();
        IngestRun.Query(db, "SELECT count(*) FROM events")[0][0].Should().Be(before);
    }
}
