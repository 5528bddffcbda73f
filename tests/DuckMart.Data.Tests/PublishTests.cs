using System.Diagnostics;
using DuckMart.Data.Publishing;

namespace DuckMart.Data.Tests;

/// <summary>A load replaces the data as one unit; a failed or killed load leaves the previous file intact.</summary>
public class PublishTests
{
    private const string OneUser = IngestRun.UsersHeader + "\n1,Ann,30,,,2024-01-01,,\n";
    private const string TwoUsers = OneUser + "2,Bob,40,,,2024-01-01,,\n";
    private const string Events = IngestRun.EventsHeader + "\n1,LOGIN,2024-03-01T10:00:00Z\n";

    [Fact]
    public void A_published_database_has_no_write_ahead_log_and_no_build_leftovers()
    {
        using var run = IngestRun.Of(OneUser, Events);

        var dir = Path.GetDirectoryName(run.Database)!;
        File.Exists(run.Database + ".wal").Should().BeFalse();
        Directory.GetFiles(dir, "*.loading-*").Should().BeEmpty();
        run.Scalar("SELECT count(*) FROM users").Should().Be(1);
    }

    [Fact]
    public void A_load_that_fails_before_publishing_leaves_the_old_database_and_no_leftovers()
    {
        using var run = IngestRun.Of(OneUser, Events);
        using var next = IngestRun.Of(TwoUsers, Events);
        var failing = new DatabasePublisher { BeforePublish = _ => throw new IOException("disk full (simulated)") };

        var act = () => failing.PublishAsync(next.OutDir, run.Database).GetAwaiter().GetResult();

        act.Should().Throw<IOException>().WithMessage("disk full*");
        run.Scalar("SELECT count(*) FROM users").Should().Be(1);
        Directory.GetFiles(Path.GetDirectoryName(run.Database)!, "*.loading-*").Should().BeEmpty();
    }

    [Fact]
    public async Task A_cancelled_load_leaves_the_old_database()
    {
        using var run = IngestRun.Of(OneUser, Events);
        using var next = IngestRun.Of(TwoUsers, Events);
        using var cancel = new CancellationTokenSource();
        var publisher = new DatabasePublisher
        {
            BeforePublish = async _ =>
            {
                await cancel.CancelAsync();
                cancel.Token.ThrowIfCancellationRequested();
            },
        };

        var act = () => publisher.PublishAsync(next.OutDir, run.Database, cancel.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        run.Scalar("SELECT count(*) FROM users").Should().Be(1);
    }

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
