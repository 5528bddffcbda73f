using LinqToDB.Data;

namespace DuckMart.Data.Tests;

/// <summary>What a server's connections (<see cref="DuckMartDatabase.Open"/>) may and may not do.</summary>
public class ServedConnectionTests
{
    [Fact]
    public void A_served_connection_reads_the_data_but_no_files_and_cannot_unlock_its_settings()
    {
        using var run = IngestRun.Of(IngestRun.UsersHeader + "\n1,Ann,,,,,,\n2,Bob,,,,,,\n", IngestRun.EventsHeader + "\n");
        var database = new DuckMartDatabase(run.Database);

        using var db = database.Open();
        db.Users.Count().Should().Be(2);

        var readFile = () => db.Execute<long>("SELECT count(*) FROM read_csv('/etc/passwd')");
        readFile.Should().Throw<Exception>("a query must not reach the file system");
        var unlock = () => db.Execute("SET enable_external_access = true");
        unlock.Should().Throw<Exception>("the configuration is locked");

        using var second = database.Open();
        second.Execute<string>("SELECT current_setting('default_null_order')").Should().BeEquivalentTo("nulls_first_on_asc_last_on_desc");
        second.Users.Count().Should().Be(2);
    }
}
