using System.Globalization;
using DuckMart.Data.ClickHouse;
using DuckMart.Data.Ingest;

namespace DuckMart.Cli.Tests.ClickHouse;

/// <summary>CONTRACT.md section 6: the same validation and rows as DuckDB, sharded by user, replaced as one unit.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClickHouseLoadTests
{
    // Hostile strings: quotes, backslashes, tab, newline, NUL-free control text, Unicode, a JSON-looking value.
    private const string Users = """
        user_id,name,age,gender,location,signup_date,subscription_plan,device_type
        1,"O'Brien ""the"" \\ admin",30,Male,"Tab	here",2024-01-01,Free,Mobile
        2,"line
        break",,Female,Zürich 東京 🦆,1/2/2023,Premium,
        3,"{""a"":1}",150,,,2020-02-29,,Desktop
        -4,Negative,40,,,2024-06-30,Basic,Tablet
        5,Duplicate,1,,,2024-01-01,,
        5,Second,2,,,2024-01-01,,
        x,NotAnId,1,,,2024-01-01,,
        """;

    private const string Events = """
        user_id,event_name,timestamp
        1,login,2024-03-01T10:00:00Z
        1,added to cart,2024-03-01T10:00:00.250Z
        2,LOGIN,2024-03-02 23:59:59
        3,PURCHASE_MADE,2024-03-03T01:00:00+02:00
        -4,LOGIN,2024-03-04T00:00:00Z
        9,LOGIN,2024-03-01T10:00:00Z
        """;

    [Fact]
    public async Task Ingest_reports_the_same_summary_as_for_duckdb_and_the_cluster_holds_the_same_rows()
    {
        using var dir = new TempDirectory();
        var users = dir.Write("u.csv", Users);
        var events = dir.Write("e.csv", Events);

        var (code, stdout, stderr) = await CliProcess.Run($"ingest --users {users} --events {events} --clickhouse {LiveCluster.Url}");
        var duck = await CliProcess.Run($"ingest --users {users} --events {events} --db {dir.File("shop.duckdb")}");

        code.Should().Be(0, stderr);
        stdout.Should().Be(duck.Stdout).And.Be("users: 5 loaded, 2 rejected; events: 5 loaded, 1 rejected\n");
        var expectedUsers = IngestRun.Query(dir.File("shop.duckdb"),
            "SELECT user_id, name, age, gender, location, CAST(signup_date AS VARCHAR), subscription_plan, device_type FROM users ORDER BY user_id")
            .Select(r => r.Select(Text).ToArray()).ToList();
        var actualUsers = await LiveCluster.Rows(
            "SELECT user_id, name, age, gender, location, toString(signup_date), subscription_plan, device_type FROM users ORDER BY user_id");
        actualUsers.Should().BeEquivalentTo(expectedUsers, o => o.WithStrictOrdering());

        var expectedEvents = IngestRun.Query(dir.File("shop.duckdb"),
            """SELECT user_id, event_name, strftime("timestamp", '%Y-%m-%d %H:%M:%S'), CAST(epoch_us("timestamp") % 1000000 AS INTEGER) FROM events ORDER BY user_id, "timestamp" """)
            .Select(r => r.Select(Text).ToArray()).ToList();
        var actualEvents = await LiveCluster.Rows("SELECT user_id, event_name, toString(timestamp), timestamp_micros FROM events ORDER BY user_id, timestamp, timestamp_micros");
        actualEvents.Should().BeEquivalentTo(expectedEvents, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task Every_user_and_all_their_events_live_on_the_shard_the_distributed_table_routes_them_to()
    {
        using var dir = new TempDirectory();
        await CliProcess.RunOk($"ingest --users {dir.Write("u.csv", Users)} --events {dir.Write("e.csv", Events)} --clickhouse {LiveCluster.Url}");

        using var entry = LiveCluster.Open();
        var cluster = await ClickHouseCluster.DiscoverAsync(entry, CancellationToken.None);
        cluster.Shards.Should().HaveCount(2);
        for (var i = 0; i < cluster.Shards.Count; i++)
        {
            using var shard = new ClickHouseHttp(cluster.Shards[i]);
            var ids = (await shard.QueryAsync("SELECT user_id FROM users_local UNION ALL SELECT user_id FROM events_local")).Rows
                .Select(r => long.Parse(r[0]!, CultureInfo.InvariantCulture)).ToList();
            ids.Should().NotBeEmpty();
            ids.Should().OnlyContain(id => (ulong)id % 2 == (ulong)i, "shard {0} holds only user_id mod 2 = {0}", i);
        }
    }

    [Fact]
    public async Task A_reload_replaces_the_data_and_a_load_that_fails_before_the_swap_leaves_the_old_data_answering()
    {
        using var dir = new TempDirectory();
        await CliProcess.RunOk($"ingest --users {dir.Write("u.csv", Users)} --events {dir.Write("e.csv", Events)} --clickhouse {LiveCluster.Url}");
        var before = await LiveCluster.Rows("SELECT count() FROM users");

        var transformed = dir.File("out");
        await new IngestPipeline().TransformAsync(
            dir.Write("u2.csv", "user_id,name,age,gender,location,signup_date,subscription_plan,device_type\n10,New,20,,,2024-01-01,,\n"),
            dir.Write("e2.csv", "user_id,event_name,timestamp\n10,LOGIN,2024-03-01T10:00:00Z\n"), transformed);
        var failing = new ClickHousePublisher { BeforePublish = () => throw new IOException("killed half way") };
        var act = () => failing.PublishAsync(transformed, LiveCluster.Url);

        await act.Should().ThrowAsync<IOException>();
        (await LiveCluster.Rows("SELECT count() FROM users")).Should().BeEquivalentTo(before);
        before[0][0].Should().Be("5");

        await new ClickHousePublisher().PublishAsync(transformed, LiveCluster.Url);
        (await LiveCluster.Rows("SELECT user_id, name FROM users")).Should().BeEquivalentTo([new[] { "10", "New" }]);
        (await LiveCluster.Rows("SELECT count() FROM events")).Should().BeEquivalentTo([new[] { "1" }]);
    }

    /// <summary>
    /// A URL naming a database loads into that database on every shard (the loader once wrote to each shard's
    /// default database whatever the URL said), and its Distributed tables still read it after the server re-reads
    /// their metadata: DETACH and ATTACH from a session in the default database stand for a restart, where 18.16
    /// evaluated a stored <c>currentDatabase()</c> again as <c>default</c>.
    /// </summary>
    [Fact]
    public async Task A_named_database_is_loaded_on_every_shard_and_still_read_after_the_tables_are_attached_again()
    {
        const string Named = "duckmart_test_load_named";
        using var dir = new TempDirectory();
        var users = dir.Write("u.csv", "user_id,name,age,gender,location,signup_date,subscription_plan,device_type\n101,A,30,,,2024-01-01,,\n102,B,31,,,2024-01-01,,\n103,C,32,,,2024-01-01,,\n");
        var events = dir.Write("e.csv", "user_id,event_name,timestamp\n101,LOGIN,2024-03-01T10:00:00Z\n102,LOGIN,2024-03-01T10:00:00Z\n");
        var url = LiveCluster.Url.TrimEnd('/') + "/?database=" + Named;

        var (code, _, stderr) = await CliProcess.Run($"ingest --users {users} --events {events} --clickhouse {url}");
        code.Should().Be(0, stderr);

        using var entry = LiveCluster.Open();
        var cluster = await ClickHouseCluster.DiscoverAsync(entry, CancellationToken.None);
        foreach (var shard in cluster.Shards)
        {
            using var server = new ClickHouseHttp(shard); // the default database, as a starting server
            foreach (var table in new[] { "users", "events" })
            {
                await server.ExecuteAsync($"DETACH TABLE {Named}.{table}");
                await server.ExecuteAsync($"ATTACH TABLE {Named}.{table}");
            }
        }

        (await LiveCluster.Rows($"SELECT user_id FROM {Named}.users ORDER BY user_id")).Select(r => r[0]).Should().Equal("101", "102", "103");
        (await LiveCluster.Rows($"SELECT count() FROM {Named}.events")).Single()[0].Should().Be("2");
    }

    [Fact]
    public async Task A_url_that_is_no_clickhouse_fails_before_the_transform_with_a_one_line_error_and_exit_code_1()
    {
        using var dir = new TempDirectory();
        var (code, _, stderr) = await CliProcess.Run($"ingest --users {dir.Write("u.csv", Users)} --events {dir.Write("e.csv", Events)} --clickhouse http://127.0.0.1:1/");

        code.Should().Be(1);
        stderr.Should().Contain("ClickHouse is not reachable");
        stderr.Trim().Split('\n').Should().HaveCount(1);
    }

    [Fact]
    public async Task Db_and_clickhouse_together_are_refused()
    {
        using var dir = new TempDirectory();
        var (code, _, stderr) = await CliProcess.Run($"load --from {dir.Path} --db {dir.File("x.duckdb")} --clickhouse {LiveCluster.Url}");

        code.Should().Be(2);
        stderr.Should().Contain("not both");
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
