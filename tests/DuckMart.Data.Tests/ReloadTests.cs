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

    private static string[] Links(string database) =>
        Directory.GetFiles(Path.GetDirectoryName(database)!, Path.GetFileName(database) + ".v*");
}
