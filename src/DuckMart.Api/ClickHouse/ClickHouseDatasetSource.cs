using System.Globalization;
using DuckMart.Api.Dataset;
using DuckMart.Data;
using DuckMart.Data.ClickHouse;
using DuckMart.Segments;

namespace DuckMart.Api.ClickHouse;

/// <summary>
/// GET /dataset, GET /dataset/vocabulary and the answers' warnings on <c>serve --clickhouse</c>: the same
/// summary, lists and ranges as <see cref="DatasetReader"/> reads from DuckDB, read from the cluster's Distributed
/// tables (every shard counts its part; the initiator merges). A load into the cluster has no version the server
/// sees, so the vocabulary is read again after <see cref="Freshness"/>: a reload shows within that time.
/// </summary>
public sealed class ClickHouseDatasetSource(ClickHouseHttp http, TimeProvider clock) : IDatasetSource
{
    public static readonly TimeSpan Freshness = TimeSpan.FromMinutes(1);

    public string VersionOf(DuckMartDb db) => CurrentVersion(); // the DuckDB connection is not the data here

    public string CurrentVersion() =>
        "clickhouse:" + (clock.GetUtcNow().UtcTicks / Freshness.Ticks).ToString(CultureInfo.InvariantCulture);

    public bool Exists => true;

    /// <summary>The entry shard and the database, never the URL's user or password.</summary>
    public string Name => $"clickhouse {http.Endpoint.Scheme}://{http.Endpoint.Authority}{http.Endpoint.AbsolutePath}" + (http.Database is { } name ? $" database {name}" : "");

    /// <summary><c>SELECT 1</c> through the Distributed <c>users</c>, so that every shard must answer, not only the entry one.</summary>
    public async Task CheckAsync(CancellationToken ct) =>
        await QueryAsync($"SELECT 1 FROM {http.Qualify("users")} LIMIT 1", ct);

    public async Task<DataVocabulary> ReadAsync(CancellationToken ct)
    {
        var (users, events) = (http.Qualify("users"), http.Qualify("events"));
        // Microseconds as DuckDB keeps them: 18.16's DateTime has whole seconds, timestamp_micros the rest.
        const string instant = "toInt64(timestamp) * 1000000 + timestamp_micros";
        var summary = (await QueryAsync($"SELECT (SELECT count() FROM {users}), count(), min({instant}), max({instant}) FROM {events}", ct))[0];
        var eventCount = Int64(summary[1]);
        var dataset = new DatasetSummary(
            Int64(summary[0]),
            eventCount,
            eventCount == 0 ? null : Instant(summary[2]),
            eventCount == 0 ? null : Instant(summary[3]));

        var values = new Dictionary<string, ValueList>(StringComparer.Ordinal);
        foreach (var (field, column) in DataVocabulary.ListedFields)
        {
            values[field] = await ValuesAsync(users, column, ct);
        }

        var range = (await QueryAsync($"SELECT min(age), max(age), min(signup_date), max(signup_date) FROM {users}", ct))[0];
        var ranges = new Dictionary<string, ValueRange>(StringComparer.Ordinal)
        {
            ["age"] = new(Age(range[0]), Age(range[1])),
            ["signupDate"] = new(Date(range[2]), Date(range[3])),
        };
        return new DataVocabulary(dataset, await ValuesAsync(events, "event_name", ct), values, ranges);
    }

    private async Task<ValueList> ValuesAsync(string table, string column, CancellationToken ct)
    {
        // One more than kept: whether it arrives says the list is cut. Ties by the value, as DuckDB orders them (bytes).
        var rows = await QueryAsync(
            $"SELECT assumeNotNull({column}) AS v, count() AS n FROM {table} WHERE isNotNull({column}) GROUP BY v ORDER BY n DESC, v LIMIT {DataVocabulary.MaxValues + 1}", ct);
        var items = rows.Select(r => new ValueCount(r[0]!, Int64(r[1]))).ToList();
        var complete = items.Count <= DataVocabulary.MaxValues;
        return new ValueList(complete ? items : items[..DataVocabulary.MaxValues], complete);
    }

    private async Task<IReadOnlyList<string?[]>> QueryAsync(string sql, CancellationToken ct) =>
        (await http.QueryAsync(sql, ct, ClickHouseSegmentQuery.Settings(null))).Rows;

    private static long Int64(string? cell) => long.Parse(cell!, CultureInfo.InvariantCulture);

    private static object? Age(string? cell) => cell is null ? null : int.Parse(cell, CultureInfo.InvariantCulture);

    private static object? Date(string? cell) => cell is null ? null : DateOnly.ParseExact(cell, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTime Instant(string? cell) =>
        DateTime.UnixEpoch.AddTicks(Int64(cell) * 10); // microseconds since the epoch, UTC
}
