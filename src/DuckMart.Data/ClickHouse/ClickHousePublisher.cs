using System.Globalization;
using DuckDB.NET.Data;
using DuckMart.Data.Ingest;

namespace DuckMart.Data.ClickHouse;

/// <summary>
/// Loads what <c>transform</c> wrote into the cluster: every shard gets new tables <c>*_local_loading</c>
/// holding the users with <c>user_id mod N</c> equal to its index and their events; only when every shard
/// holds its part are the new tables renamed over <c>users_local</c> / <c>events_local</c>, one RENAME per
/// shard. A load that fails or is killed before that leaves the old tables answering (a stale
/// <c>*_loading</c> table is dropped by the next load). The renames of two shards are two statements, a
/// few milliseconds apart: docs/scale-out.md says what a reader can see in that moment.
/// </summary>
public sealed class ClickHousePublisher(Action<string>? progress = null)
{
    private const string Loading = "_loading";
    private const string Old = "_old";

    /// <summary>Set by tests to fail (or stall) a load after every shard is loaded and before the renames.</summary>
    public Func<Task>? BeforePublish { get; init; }

    /// <summary>Fails fast, before a long transform, when the URL is no cluster <c>duckmart</c>.</summary>
    public static async Task CheckAsync(string url, CancellationToken ct)
    {
        using var entry = ClickHouseHttp.Open(url);
        using var server = new ClickHouseHttp(ClickHouseHttp.InDatabase(entry.Endpoint, null)); // the URL's database may not exist yet
        await ClickHouseCluster.DiscoverAsync(server, ct);
    }

    public async Task PublishAsync(string transformedDir, string url, CancellationToken ct = default)
    {
        var usersParquet = RequireFile(transformedDir, TransformedFiles.Users);
        var eventsParquet = RequireFile(transformedDir, TransformedFiles.Events);
        using var entry = ClickHouseHttp.Open(url);
        using var server = new ClickHouseHttp(ClickHouseHttp.InDatabase(entry.Endpoint, null));
        var cluster = await ClickHouseCluster.DiscoverAsync(server, ct);
        var shards = await OpenShardsAsync(cluster, entry.Database, ct);
        try
        {
            var work = Path.Combine(transformedDir, "clickhouse-" + Environment.ProcessId);
            Directory.CreateDirectory(work);
            for (var i = 0; i < shards.Count; i++)
            {
                await LoadShardAsync(shards[i], i, shards.Count, usersParquet, eventsParquet, work, ct);
                progress?.Invoke($"load: shard {i + 1} of {shards.Count} loaded");
            }

            if (BeforePublish is not null)
            {
                await BeforePublish();
            }

            foreach (var shard in shards)
            {
                await SwapAsync(shard, ct);
            }

            Directory.Delete(work, recursive: true);
        }
        finally
        {
            shards.ForEach(s => s.Dispose());
        }
    }

    /// <summary>
    /// Every shard's HTTP interface, in the database the user's URL names (<c>?database=shop</c>), made on each shard
    /// if missing; the loader once wrote to each shard's default database whatever the URL said.
    /// </summary>
    private static async Task<List<ClickHouseHttp>> OpenShardsAsync(ClickHouseCluster cluster, string? database, CancellationToken ct)
    {
        if (database is null)
        {
            return cluster.Shards.Select(s => new ClickHouseHttp(s)).ToList();
        }

        var shards = new List<ClickHouseHttp>();
        foreach (var shard in cluster.Shards)
        {
            using (var server = new ClickHouseHttp(shard))
            {
                await server.ExecuteAsync($"CREATE DATABASE IF NOT EXISTS {database}", ct); // a plain identifier (ClickHouseHttp.Database)
            }

            shards.Add(new ClickHouseHttp(ClickHouseHttp.InDatabase(shard, database)));
        }

        return shards;
    }

    private static async Task LoadShardAsync(ClickHouseHttp shard, int index, int count, string usersParquet, string eventsParquet, string work, CancellationToken ct)
    {
        await shard.ExecuteAsync($"DROP TABLE IF EXISTS {ClickHouseSchema.UsersLocal}{Loading}", ct);
        await shard.ExecuteAsync($"DROP TABLE IF EXISTS {ClickHouseSchema.EventsLocal}{Loading}", ct);
        await shard.ExecuteAsync(ClickHouseSchema.CreateUsersLocal(ClickHouseSchema.UsersLocal + Loading), ct);
        await shard.ExecuteAsync(ClickHouseSchema.CreateEventsLocal(ClickHouseSchema.EventsLocal + Loading), ct);

        // user_id mod N as unsigned, as ClickHouse's Distributed engine routes an Int64 sharding key.
        var mine = string.Create(CultureInfo.InvariantCulture, $"CAST(CAST(user_id AS BIT) AS UBIGINT) % {count} = {index}");
        var users = Path.Combine(work, $"users-{index}.json");
        var events = Path.Combine(work, $"events-{index}.json");
        await using (var duck = new DuckDBConnection("Data Source=:memory:"))
        {
            await duck.OpenAsync(ct);
            await ExecuteAsync(duck, "SET TimeZone = 'UTC'", ct);
            // JSON lines: every string is escaped unambiguously (quotes, backslashes, NUL, newlines) and NULL
            // stays null, which no CSV or TSV spelling guarantees for both ends.
            await ExecuteAsync(duck, $"""
                COPY (SELECT user_id, name, age, gender, location, CAST(signup_date AS VARCHAR) AS signup_date,
                             subscription_plan, device_type
                      FROM read_parquet({SqlText.Quote(usersParquet)}) WHERE {mine})
                TO {SqlText.Quote(users)} (FORMAT json)
                """, ct);
            await ExecuteAsync(duck, $"""
                COPY (SELECT user_id, event_name,
                             strftime(CAST("timestamp" AS TIMESTAMP), '%Y-%m-%d %H:%M:%S') AS "timestamp",
                             CAST(epoch_us(CAST("timestamp" AS TIMESTAMP)) % 1000000 AS INTEGER) AS timestamp_micros
                      FROM read_parquet({SqlText.Quote(eventsParquet)}) WHERE {mine})
                TO {SqlText.Quote(events)} (FORMAT json)
                """, ct);
        }

        await InsertAsync(shard, ClickHouseSchema.UsersLocal + Loading, users, ct);
        await InsertAsync(shard, ClickHouseSchema.EventsLocal + Loading, events, ct);
        File.Delete(users);
        File.Delete(events);
    }

    private static async Task InsertAsync(ClickHouseHttp shard, string table, string file, CancellationToken ct)
    {
        await using var rows = File.OpenRead(file);
        await shard.InsertJsonEachRowAsync(table, rows, ct);
    }

    /// <summary>Old out, new in, in one RENAME (atomic on the shard); the Distributed tables are made once and then always point at the current names.</summary>
    private static async Task SwapAsync(ClickHouseHttp shard, CancellationToken ct)
    {
        var (users, events) = (ClickHouseSchema.UsersLocal, ClickHouseSchema.EventsLocal);
        await shard.ExecuteAsync($"DROP TABLE IF EXISTS {users}{Old}", ct);
        await shard.ExecuteAsync($"DROP TABLE IF EXISTS {events}{Old}", ct);
        // The first load has nothing to move out; CREATE IF NOT EXISTS gives the RENAME the same form every time.
        await shard.ExecuteAsync(ClickHouseSchema.CreateUsersLocal(users, ifNotExists: true), ct);
        await shard.ExecuteAsync(ClickHouseSchema.CreateEventsLocal(events, ifNotExists: true), ct);
        await shard.ExecuteAsync(
            $"RENAME TABLE {users} TO {users}{Old}, {users}{Loading} TO {users}, {events} TO {events}{Old}, {events}{Loading} TO {events}", ct);
        await shard.ExecuteAsync(ClickHouseSchema.CreateUsers(shard.Database), ct);
        await shard.ExecuteAsync(ClickHouseSchema.CreateEvents(shard.Database), ct);
        await shard.ExecuteAsync($"DROP TABLE IF EXISTS {users}{Old}", ct);
        await shard.ExecuteAsync($"DROP TABLE IF EXISTS {events}{Old}", ct);
    }

    private static async Task ExecuteAsync(DuckDBConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static string RequireFile(string dir, string name)
    {
        var path = Path.GetFullPath(Path.Combine(dir, name));
        return File.Exists(path)
            ? path
            : throw new IngestException($"{dir}: no {name}; is this a directory written by 'duckmart transform'?");
    }
}
