using DuckMart.Data.Publishing;

namespace DuckMart.Data.Tests;

/// <summary>A server's <see cref="DuckMartDatabase"/> notices a newly published file; open connections finish on the old one.</summary>
public class ReloadTests
{
    private const string Events = IngestRun.EventsHeader + "\n";

    [Fact]
    public async Task Open_sees_a_newly_published_database_while_an_old_connection_still_reads_the_old_rows()
    {
        using var v1 = IngestRun.Of(IngestRun.UsersHeader + "\n1,Ann,,,,,,\n", Events);
        using var v2 = IngestRun.Of(IngestRun.UsersHeader + "\n1,Ann,,,,,,\n2,Bob,,,,,,\n3,Cy,,,,,,\n", Events);
        var database = new DuckMartDatabase(v1.Database);

        await using var old = database.Open();
        old.Users.Count().Should().Be(1);

        await new DatabasePublisher().PublishAsync(v2.OutDir, v1.Database);
        await Task.Delay(DuckMartDatabase.CheckInterval + TimeSpan.FromMilliseconds(50));

        await using (var fresh = database.Open())
        {
            fresh.Users.Count().Should().Be(3);
            old.Users.Count().Should().Be(1, "a connection opened before the publish keeps its version");
            Links(v1.Database).Should().HaveCount(2);
        }

        await old.DisposeAsync();
        Links(v1.Database).Should().HaveCount(1, "the old version's link goes when its last connection closes");
        await using var again = database.Open();
        again.Users.Count().Should().Be(3);
    }

    [Fact]
    public async Task Links_of_versions_no_longer_used_are_removed()
    {
        using var v1 = IngestRun.Of(IngestRun.UsersHeader + "\n1,Ann,,,,,,\n", Events);
        using var v2 = IngestRun.Of(IngestRun.UsersHeader + "\n2,Bob,,,,,,\n", Events);
        var database = new DuckMartDatabase(v1.Database);
        using (var db = database.Open())
        {
            db.Users.Single().Name.Should().Be("Ann");
        }

        await new DatabasePublisher().PublishAsync(v2.OutDir, v1.Database);
        await Task.Delay(DuckMartDatabase.CheckInterval + TimeSpan.FromMilliseconds(50));

        using (var db = database.Open())
        {
            db.Users.Single().Name.Should().Be("Bob");
        }

        Links(v1.Database).Should().ContainSingle();
    }

    [Fact]
    public async Task Readers_during_repeated_publishes_see_one_whole_version_and_never_fail()
    {
        // Version k has k users, each with k events: a mix of two versions would break users * users = events.
        var versions = Enumerable.Range(1, 4).Select(k => IngestRun.Of(
            IngestRun.UsersHeader + "\n" + string.Concat(Enumerable.Range(1, k).Select(u => $"{u},U{u},,,,,,\n")),
            Events + string.Concat(Enumerable.Range(1, k).SelectMany(u => Enumerable.Range(1, k).Select(e => $"{u},LOGIN,2024-03-0{e}T10:00:00Z\n"))))).ToList();
        var target = versions[0].Database;
        var database = new DuckMartDatabase(target);
        using var stop = new CancellationTokenSource();
        var seen = new System.Collections.Concurrent.ConcurrentBag<long>();

        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var db = database.Open();
                var users = db.Users.LongCount();
                db.Events.LongCount().Should().Be(users * users);
                seen.Add(users);
            }
        })).ToList();
        foreach (var next in versions.Skip(1))
        {
            await Task.Delay(DuckMartDatabase.CheckInterval * 2);
            await new DatabasePublisher().PublishAsync(next.OutDir, target);
        }

        // Readers go on until one of them has read the last version (or 30 s pass): on a loaded machine a fixed
        // pause after the last publish left the readers no turn to read it (seen was {1, 1, 1} once under load 19).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!seen.Contains(4) && DateTime.UtcNow < deadline && readers.All(r => !r.IsCompleted))
        {
            await Task.Delay(DuckMartDatabase.CheckInterval);
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);

        seen.Should().Contain(1).And.Contain(4);
        using (var last = database.Open())
        {
            last.Users.LongCount().Should().Be(4);
        }

        Links(target).Should().ContainSingle("only the current version keeps a link once its readers are gone");
        versions.ForEach(v => v.Dispose());
    }

    private static string[] Links(string database) =>
        Directory.GetFiles(Path.GetDirectoryName(database)!, Path.GetFileName(database) + ".v*");
}
