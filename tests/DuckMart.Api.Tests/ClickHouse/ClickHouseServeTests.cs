using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DuckMart.Cli.Commands;
using DuckMart.Data.ClickHouse;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace DuckMart.Api.Tests.ClickHouse;

/// <summary>
/// <c>serve --clickhouse</c> on the live cluster (DUCKMART_CLICKHOUSE_URL, as <c>make test</c> starts it): POST
/// /segments answers from the cluster's data, paged; GET /dataset, /dataset/vocabulary and the answers' warnings
/// come from the cluster too, and so do changes, sizes and GET /health; OData and the profile answer 501 there. Its own
/// database on the cluster.
/// </summary>
public sealed class ClickHouseServeTests
{
    private const string Database = "duckmart_test_serve";
    private static readonly string Server = Environment.GetEnvironmentVariable("DUCKMART_CLICKHOUSE_URL") ?? "http://127.0.0.1:8123/";

    [Fact]
    public async Task Segments_and_dynamics_are_answered_from_the_cluster_and_odata_is_501()
    {
        await LoadAsync();
        var saved = Path.Combine(Path.GetTempPath(), $"duckmart-ch-serve-test-{Environment.ProcessId}.segments.json");
        File.Delete(saved);
        await using var app = DuckMartApp.Build(new ApiSettings(null, ClickHouseUrl: Server.TrimEnd('/') + "/?database=" + Database), configure: b =>
        {
            b.WebHost.UseTestServer();
            b.Configuration["DuckMart:SavedSegmentsFile"] = saved;
        });
        await app.StartAsync();
        var client = app.GetTestClient();

        var body = new { where = new { type = "event", name = "LOGIN" }, asOf = "2025-12-31T00:00:00Z", limit = 2 };
        var response = await client.PostAsJsonAsync("/segments", body);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        json.GetProperty("count").GetInt64().Should().Be(3);
        json.GetProperty("userIds").EnumerateArray().Select(e => e.GetInt64()).Should().Equal(2, 4);
        // The vocabulary is the cluster's: LOGIN is known, a misspelling is not.
        json.TryGetProperty("warnings", out _).Should().BeFalse();
        var misspelt = await client.PostAsJsonAsync("/segments", new { where = new { type = "event", name = "LOGNI" }, asOf = "2025-12-31T00:00:00Z", countOnly = true });
        var warned = JsonDocument.Parse(await misspelt.Content.ReadAsStringAsync()).RootElement;
        warned.GetProperty("count").GetInt64().Should().Be(0);
        warned.GetProperty("warnings").GetArrayLength().Should().BeGreaterThan(0);
        warned.GetProperty("warnings").GetRawText().Should().Contain("LOGIN", "the warning suggests the known name");

        var dataset = JsonDocument.Parse(await client.GetStringAsync("/dataset")).RootElement;
        dataset.GetProperty("users").GetInt64().Should().Be(6);
        dataset.GetProperty("events").GetInt64().Should().Be(3);
        dataset.GetProperty("firstEvent").GetString().Should().Be("2025-06-01T00:00:00Z");
        dataset.GetProperty("lastEvent").GetString().Should().Be("2025-06-01T00:00:00Z");
        var vocabulary = JsonDocument.Parse(await client.GetStringAsync("/dataset/vocabulary")).RootElement;
        vocabulary.GetProperty("events").GetProperty("items").GetRawText().Should().Be("""[{"value":"LOGIN","count":3}]""");
        vocabulary.GetProperty("values").GetProperty("location").GetProperty("items").GetRawText().Should().Be("""[{"value":"California","count":6}]""");
        vocabulary.GetProperty("values").GetProperty("gender").GetProperty("items").GetArrayLength().Should().Be(0, "every gender is NULL");
        vocabulary.GetProperty("ranges").GetProperty("age").GetRawText().Should().Be("""{"min":21,"max":26}""");
        vocabulary.GetProperty("ranges").GetProperty("signupDate").GetRawText().Should().Be("""{"min":"2024-01-01","max":"2024-01-06"}""");

        (await client.GetAsync("/odata/Users")).StatusCode.Should().Be(HttpStatusCode.NotImplemented);

        // The profile and its users page read a local database: they say so, rather than answer from one.
        var where = new { where = new { type = "event", name = "LOGIN" }, asOf = "2025-12-31T00:00:00Z" };
        foreach (var path in new[] { "/segments/profile", "/segments/users" })
        {
            (await client.PostAsJsonAsync(path, where)).StatusCode.Should().Be(HttpStatusCode.NotImplemented, path);
        }

        (await client.GetAsync("/segments/any-id")).StatusCode.Should().Be(HttpStatusCode.NotFound, "a saved segment's own GET is served");

        // Changes and sizes run on the cluster: LOGIN in the last 30 days holds users 2, 4, 6 from 2025-06-01 to 06-30.
        var recent = new { type = "event", name = "LOGIN", window = new { last = "P30D" } };
        var changes = await client.PostAsJsonAsync("/segments/changes", new { where = recent, from = "2025-05-15T00:00:00Z", to = "2025-06-15T00:00:00Z", limit = 2 });
        changes.StatusCode.Should().Be(HttpStatusCode.OK, await changes.Content.ReadAsStringAsync());
        var moved = JsonDocument.Parse(await changes.Content.ReadAsStringAsync()).RootElement;
        moved.GetProperty("countFrom").GetInt64().Should().Be(0);
        moved.GetProperty("countTo").GetInt64().Should().Be(3);
        moved.GetProperty("entered").GetRawText().Should().Be("""{"count":3,"userIds":[2,4]}""", "the list is cut at the limit, the count is not");
        moved.GetProperty("left").GetRawText().Should().Be("""{"count":0,"userIds":[]}""");
        moved.GetProperty("stayed").GetInt64().Should().Be(0);

        var put = await client.PutAsync("/segments/recent-login", new StringContent(JsonSerializer.Serialize(new { where = recent }), System.Text.Encoding.UTF8, "application/json"));
        put.IsSuccessStatusCode.Should().BeTrue(await put.Content.ReadAsStringAsync());
        var left = JsonDocument.Parse(await client.GetStringAsync("/segments/recent-login/changes?from=2025-06-15T00:00:00Z&to=2025-07-15T00:00:00Z")).RootElement;
        left.GetProperty("left").GetRawText().Should().Be("""{"count":3,"userIds":[2,4,6]}""");
        left.GetProperty("entered").GetProperty("count").GetInt64().Should().Be(0);

        var sizes = await client.PostAsJsonAsync("/segments/sizes", new { where = recent, from = "2025-05-31T00:00:00Z", to = "2025-07-03T00:00:00Z", every = "P11D" });
        sizes.StatusCode.Should().Be(HttpStatusCode.OK, await sizes.Content.ReadAsStringAsync());
        JsonDocument.Parse(await sizes.Content.ReadAsStringAsync()).RootElement.GetProperty("points").EnumerateArray()
            .Select(p => p.GetProperty("count").GetInt64()).Should().Equal(0, 3, 3, 0);
        var savedSizes = JsonDocument.Parse(await client.GetStringAsync("/segments/recent-login/sizes?from=2025-06-10T00:00:00Z&to=2025-06-12T00:00:00Z&every=P1D")).RootElement;
        savedSizes.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("count").GetInt64()).Should().Equal(3, 3, 3);
    }

    /// <summary>
    /// <c>segment --clickhouse URL --changes FROM TO</c> and <c>--sizes FROM TO EVERY</c>: the same lines as on DuckDB
    /// (SegmentDynamicsCommandTests), from the cluster.
    /// </summary>
    [Fact]
    public async Task The_cli_answers_changes_and_sizes_from_the_cluster()
    {
        await LoadAsync();
        var spec = Path.Combine(Path.GetTempPath(), $"duckmart-ch-cli-{Environment.ProcessId}.json");
        await File.WriteAllTextAsync(spec, """{ "type": "event", "name": "LOGIN", "window": { "last": "P30D" } }""");
        var url = Server.TrimEnd('/') + "/?database=" + Database;

        var (exit, output, error) = await RunCliAsync(new SegmentCommand.Arguments("", spec, false, false, null, null)
        {
            ClickHouse = url,
            Changes = ["2025-06-15T00:00:00Z", "2025-07-15T00:00:00Z"],
        });
        exit.Should().Be(0, error);
        output.Should().Be("left\t2\nleft\t4\nleft\t6\n");

        (exit, output, error) = await RunCliAsync(new SegmentCommand.Arguments("", spec, false, false, null, null)
        {
            ClickHouse = url,
            Sizes = ["2025-05-31T00:00:00Z", "2025-06-02T00:00:00Z", "P2D"],
        });
        exit.Should().Be(0, error);
        output.Should().Be("2025-05-31T00:00:00Z\t0\n2025-06-02T00:00:00Z\t3\n", "asOf is exclusive: a login at 06-01 00:00 counts from the next instant on");
    }

    private static async Task<(int Exit, string Out, string Err)> RunCliAsync(SegmentCommand.Arguments args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await SegmentCommand.RunAsync(args, output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Users 1..6 in California, on shard user_id mod N; the even ones logged in on 2025-06-01.</summary>
    private static async Task LoadAsync()
    {
        using var entry = ClickHouseHttp.Open(Server);
        var cluster = await ClickHouseCluster.DiscoverAsync(entry, CancellationToken.None);
        for (var i = 0; i < cluster.Shards.Count; i++)
        {
            using (var server = new ClickHouseHttp(cluster.Shards[i]))
            {
                await server.ExecuteAsync($"CREATE DATABASE IF NOT EXISTS {Database}");
            }

            using var shard = ClickHouseHttp.Open(cluster.Shards[i].AbsoluteUri.TrimEnd('/') + "/?database=" + Database);
            foreach (var table in new[] { "users", "events", ClickHouseSchema.UsersLocal, ClickHouseSchema.EventsLocal })
            {
                await shard.ExecuteAsync($"DROP TABLE IF EXISTS {table}");
            }

            await shard.ExecuteAsync(ClickHouseSchema.CreateUsersLocal(ClickHouseSchema.UsersLocal));
            await shard.ExecuteAsync(ClickHouseSchema.CreateEventsLocal(ClickHouseSchema.EventsLocal));
            await shard.ExecuteAsync(ClickHouseSchema.CreateUsers(Database));
            await shard.ExecuteAsync(ClickHouseSchema.CreateEvents(Database));
            var mine = Enumerable.Range(1, 6).Where(id => id % cluster.Shards.Count == i).ToList();
            await shard.ExecuteAsync($"INSERT INTO {ClickHouseSchema.UsersLocal} (user_id, location, age, signup_date) VALUES {string.Join(", ", mine.Select(id => $"({id}, 'California', {20 + id}, '2024-01-0{id}')"))}");
            await shard.ExecuteAsync($"INSERT INTO {ClickHouseSchema.EventsLocal} VALUES {string.Join(", ", mine.Where(id => id % 2 == 0).Select(id => $"({id}, 'LOGIN', '2025-06-01 00:00:00', 0)"))}");
        }

    }

    /// <summary>No DuckDB file on the cluster: GET /health probes the cluster through every shard, and names it.</summary>
    [Fact]
    public async Task Health_is_the_clusters_and_no_duckdb_file_is_made()
    {
        // The test's own database: a fresh cluster (CI) has no users table in default.
        await LoadAsync();
        await using var app = DuckMartApp.Build(new ApiSettings(null, ClickHouseUrl: Server.TrimEnd('/') + "/?database=" + Database), configure: b =>
        {
            b.WebHost.UseTestServer();
            b.Configuration["DuckMart:SavedSegmentsFile"] = Path.Combine(Path.GetTempPath(), $"duckmart-ch-health-{Environment.ProcessId}.segments.json");
        });
        await app.StartAsync();
        app.Services.GetService(typeof(Data.DuckMartDatabase)).Should().BeNull("serve --clickhouse opens no DuckDB file");

        var health = await app.GetTestClient().GetAsync("/health");
        health.StatusCode.Should().Be(HttpStatusCode.OK, await health.Content.ReadAsStringAsync());
        var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("status").GetString().Should().Be("healthy");
        body.GetProperty("database").GetString().Should().Be("clickhouse " + new Uri(Server).GetLeftPart(UriPartial.Path) + " database " + Database);
    }

    [Fact]
    public async Task Health_is_503_when_the_cluster_does_not_answer()
    {
        // Port 1 on loopback: nothing listens, so the probe fails at once.
        await using var app = DuckMartApp.Build(new ApiSettings(null, ClickHouseUrl: "http://127.0.0.1:1/?database=shop"), configure: b =>
        {
            b.WebHost.UseTestServer();
            b.Configuration["DuckMart:SavedSegmentsFile"] = Path.Combine(Path.GetTempPath(), $"duckmart-ch-health-down-{Environment.ProcessId}.segments.json");
        });
        await app.StartAsync();
        var health = await app.GetTestClient().GetAsync("/health");
        health.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var text = await health.Content.ReadAsStringAsync();
        text.Should().Contain("database_unavailable").And.Contain("clickhouse http://127.0.0.1:1/ database shop");
    }
}
