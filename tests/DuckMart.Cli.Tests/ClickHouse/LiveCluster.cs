using DuckMart.Data.ClickHouse;

namespace DuckMart.Cli.Tests.ClickHouse;

/// <summary>
/// The two-shard cluster <c>make test</c> starts (scripts/clickhouse.sh up) before the tests and stops
/// after. A test that cannot reach it fails with the reason: it is never skipped.
/// </summary>
public static class LiveCluster
{
    public static string Url { get; } = Environment.GetEnvironmentVariable("DUCKMART_CLICKHOUSE_URL") ?? "http://127.0.0.1:8123/";

    public static ClickHouseHttp Open() => ClickHouseHttp.Open(Url);

    public static async Task<List<string?[]>> Rows(string sql)
    {
        using var http = Open();
        return [.. (await http.QueryAsync(sql)).Rows];
    }
}

/// <summary>The cluster's tables are one shared state: its tests run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "ClickHouse cluster";
}
