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
}
