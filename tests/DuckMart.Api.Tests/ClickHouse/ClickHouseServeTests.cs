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
/// /segments answers from the cluster's data, paged, and OData answers 501 there. Its own database on the cluster.
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
            await shard.ExecuteAsync($"INSERT INTO {ClickHouseSchema.UsersLocal} (user_id, location) VALUES {string.Join(", ", mine.Select(id => $"({id}, 'California')"))}");
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
        // The vocabulary is DuckDB's, and the DuckDB file is a placeholder here: LOGIN must not be called unknown.
        json.TryGetProperty("warnings", out _).Should().BeFalse();

        (await client.GetAsync("/odata/Users")).StatusCode.Should().Be(HttpStatusCode.NotImplemented);
    }
}
