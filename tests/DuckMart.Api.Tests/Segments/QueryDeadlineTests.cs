using System.Diagnostics;
using DuckMart.Api.Segments;
using DuckMart.Api.Tests.Segments.Fixtures;
using DuckMart.Data;
using LinqToDB.Data;

namespace DuckMart.Api.Tests.Segments;

public class QueryDeadlineTests
{
    [Fact]
    public async Task The_deadline_interrupts_a_running_duckdb_query_and_says_it_expired()
    {
        using var fixture = SegmentsDatabase.Brief();
        await using var db = new DuckMartDatabase(fixture.Path).Open();
        using var deadline = QueryDeadline.Start(TimeSpan.FromMilliseconds(300), CancellationToken.None);
        var clock = Stopwatch.StartNew();

        var run = () => db.ExecuteAsync<long>(ListEngine.HeavySql, deadline.Token);

        await run.Should().ThrowAsync<Exception>();
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        deadline.Expired.Should().BeTrue();
        // The connection survives the interrupt.
        (await db.ExecuteAsync<long>("SELECT 42")).Should().Be(42);
    }

    [Fact]
    public async Task A_deadline_that_fires_after_the_interrupted_connection_closed_does_nothing()
    {
        // OData's interrupter keeps its last command's registration until the request's deadline is disposed, after
        // the connection: a Cancel that threw there (DuckDB.NET: "must be open") ended the whole process from the timer.
        using var fixture = SegmentsDatabase.Brief();
        using var deadline = QueryDeadline.Start(TimeSpan.FromMilliseconds(200), CancellationToken.None);
        await using (var db = new DuckMartDatabase(fixture.Path).Open())
        {
            deadline.Interrupt(db);
            (await db.ExecuteAsync<long>("SELECT 42")).Should().Be(42);
        }

        var fired = new TaskCompletionSource();
        using var watch = deadline.Token.Register(() => fired.TrySetResult());
        (await Task.WhenAny(fired.Task, Task.Delay(TimeSpan.FromSeconds(30)))).Should().BeSameAs(fired.Task);
        deadline.Expired.Should().BeTrue();
    }

    [Fact]
    public void A_client_that_goes_away_is_not_a_timeout()
    {
        using var client = new CancellationTokenSource();
        using var deadline = QueryDeadline.Start(TimeSpan.FromMinutes(1), client.Token);

        client.Cancel();

        deadline.Token.IsCancellationRequested.Should().BeTrue();
        deadline.Expired.Should().BeFalse();
    }

    [Fact]
    public async Task A_disarmed_deadline_no_longer_fires()
    {
        using var deadline = QueryDeadline.Start(TimeSpan.FromMilliseconds(100), CancellationToken.None);

        deadline.Disarm();
        await Task.Delay(300);

        deadline.Expired.Should().BeFalse();
    }
}
