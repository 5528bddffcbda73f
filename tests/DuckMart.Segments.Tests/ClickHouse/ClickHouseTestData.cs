using System.Globalization;
using System.Text;
using System.Text.Json;
using DuckMart.Data.ClickHouse;
using DuckMart.Domain;

namespace DuckMart.Segments.Tests.ClickHouse;

/// <summary>
/// The live two-shard cluster <c>make test</c> starts (DUCKMART_CLICKHOUSE_URL, default the first shard on 8123),
/// with test data in a database of its own, so that these tests and the load tests of DuckMart.Cli.Tests (which
/// use the default database) can run at the same time. A test that cannot reach the cluster fails; it is never skipped.
/// </summary>
public static class ClickHouseTestData
{
    public static string ServerUrl { get; } = Environment.GetEnvironmentVariable("DUCKMART_CLICKHOUSE_URL") ?? "http://127.0.0.1:8123/";

    /// <summary>The URL of <paramref name="database"/> on the entry shard.</summary>
    public static string Url(string database) => ServerUrl.TrimEnd('/') + "/?database=" + database;

    /// <summary>
    /// Creates <paramref name="database"/> on every shard with the product's tables (ClickHouseSchema) and puts each
    /// user, with their events, on shard <c>user_id mod N</c> as the loader does.
    /// </summary>
    public static async Task LoadAsync(string database, IReadOnlyList<User> users, IReadOnlyList<Event> events)
    {
        using var entry = ClickHouseHttp.Open(ServerUrl);
        var cluster = await ClickHouseCluster.DiscoverAsync(entry, CancellationToken.None);
        for (var index = 0; index < cluster.Shards.Count; index++)
        {
            using (var server = new ClickHouseHttp(cluster.Shards[index]))
            {
                await server.ExecuteAsync($"CREATE DATABASE IF NOT EXISTS {database}");
            }

            using var shard = ClickHouseHttp.Open(cluster.Shards[index].AbsoluteUri.TrimEnd('/') + "/?database=" + database);
            foreach (var table in new[] { "users", "events", ClickHouseSchema.UsersLocal, ClickHouseSchema.EventsLocal })
            {
                await shard.ExecuteAsync($"DROP TABLE IF EXISTS {table}");
            }

            await shard.ExecuteAsync(ClickHouseSchema.CreateUsersLocal(ClickHouseSchema.UsersLocal));
            await shard.ExecuteAsync(ClickHouseSchema.CreateEventsLocal(ClickHouseSchema.EventsLocal));
            await shard.ExecuteAsync(ClickHouseSchema.CreateUsers(database));
            await shard.ExecuteAsync(ClickHouseSchema.CreateEvents(database));

            var count = (ulong)cluster.Shards.Count;
            var mine = users.Where(u => (ulong)u.UserId % count == (ulong)index).ToList();
            var ids = mine.Select(u => u.UserId).ToHashSet();
            await InsertAsync(shard, ClickHouseSchema.UsersLocal, mine.Select(u => new Dictionary<string, object?>
            {
                ["user_id"] = u.UserId,
                ["name"] = u.Name,
                ["age"] = u.Age,
                ["gender"] = u.Gender,
                ["location"] = u.Location,
                ["signup_date"] = u.SignupDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["subscription_plan"] = u.SubscriptionPlan,
                ["device_type"] = u.DeviceType,
            }));
            await InsertAsync(shard, ClickHouseSchema.EventsLocal, events.Where(e => ids.Contains(e.UserId)).Select(e => new Dictionary<string, object?>
            {
                ["user_id"] = e.UserId,
                ["event_name"] = e.EventName,
                ["timestamp"] = e.Timestamp.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                ["timestamp_micros"] = (e.Timestamp.Ticks % TimeSpan.TicksPerSecond) / 10,
            }));
        }
    }

    private static async Task InsertAsync(ClickHouseHttp shard, string table, IEnumerable<Dictionary<string, object?>> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.Append(JsonSerializer.Serialize(row)).Append('\n');
        }

        using var body = new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
        await shard.InsertJsonEachRowAsync(table, body);
    }
}
