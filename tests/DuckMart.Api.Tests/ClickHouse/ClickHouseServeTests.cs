using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DuckMart.Api.ClickHouse;
using DuckMart.Data.ClickHouse;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace DuckMart.Api.Tests.ClickHouse;

/// <summary>
/// <c>serve --clickhouse</c> on the live cluster (DUCKMART_CLICKHOUSE_URL, as <c>make test</c> starts it): POST
/// /segments answers from the cluster's data, paged; GET /dataset, /dataset/vocabulary and the answers' warnings
/// come from the cluster too; OData answers 501 there. Its own database on the cluster.
/// </summary>
public sealed class ClickHouseServeTests
{
    private const string Database = "duckmart_test_serve";
    private static readonly string Server = Environment.GetEnvironmentVariable("DUCKMART_CLICKHOUSE_URL") ?? "http://127.0.0.1:8123/";

    [Fact]
    public async Task Segments_are_answered_from_the_cluster_and_odata_is_501()
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
            await shard.ExecuteAsync(ClickHouseSchema.CreateUsers());
            await shard.ExecuteAsync(ClickHouseSchema.CreateEvents());
            // Users 1..6 on shard user_id mod N; the even ones logged in.
            var mine = Enumerable.Range(1, 6).Where(id => id % cluster.Shards.Count == i).ToList();
            await shard.ExecuteAsync($"INSERT INTO {ClickHouseSchema.UsersLocal} (user_id, location, age, signup_date) VALUES {string.Join(", ", mine.Select(id => $"({id}, 'California', {20 + id}, '2024-01-0{id}')"))}");
            await shard.ExecuteAsync($"INSERT INTO {ClickHouseSchema.EventsLocal} VALUES {string.Join(", ", mine.Where(id => id % 2 == 0).Select(id => $"({id}, 'LOGIN', '2025-06-01 00:00:00', 0)"))}");
        }

        var placeholder = ClickHouseServing.CreatePlaceholderDatabase(Path.Combine(Path.GetTempPath(), "duckmart-ch-serve-test-" + Environment.ProcessId));
        await using var app = DuckMartApp.Build(new ApiSettings(placeholder, ClickHouseUrl: Server.TrimEnd('/') + "/?database=" + Database), configure: b =>
        {
            b.WebHost.UseTestServer();
            b.Configuration["DuckMart:SavedSegmentsFile"] = Path.Combine(Path.GetDirectoryName(placeholder)!, "saved.json");
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

        // Everything that would read the empty local file says so, the saved forms included.
        var where = new { where = new { type = "event", name = "LOGIN" }, asOf = "2025-12-31T00:00:00Z" };
        foreach (var path in new[] { "/segments/profile", "/segments/users", "/segments/changes", "/segments/sizes" })
        {
            (await client.PostAsJsonAsync(path, where)).StatusCode.Should().Be(HttpStatusCode.NotImplemented, path);
        }

        (await client.GetAsync("/segments/any-id/changes?from=2025-12-01T00:00:00Z&to=2025-12-31T00:00:00Z")).StatusCode.Should().Be(HttpStatusCode.NotImplemented);
        (await client.GetAsync("/segments/any-id/sizes?from=2025-12-01T00:00:00Z&to=2025-12-31T00:00:00Z&every=P1D")).StatusCode.Should().Be(HttpStatusCode.NotImplemented);
        (await client.GetAsync("/segments/any-id")).StatusCode.Should().Be(HttpStatusCode.NotFound, "a saved segment's own GET is served");
    }
}
