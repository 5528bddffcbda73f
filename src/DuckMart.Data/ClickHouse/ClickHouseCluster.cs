namespace DuckMart.Data.ClickHouse;

/// <summary>
/// The shards of the cluster <c>duckmart</c> as the server at the user's URL knows them
/// (<c>system.clusters</c>), each reached over HTTP. ClickHouse lists only native-protocol ports, so every
/// shard names its own HTTP URL in the macro <c>http_url</c> (deploy/clickhouse/config.xml.template),
/// read through <c>remote()</c>; DDL then goes to each shard, since <c>ON CLUSTER</c> needs ZooKeeper.
/// </summary>
public sealed record ClickHouseCluster(Uri Entry, IReadOnlyList<Uri> Shards)
{
    public const string Name = "duckmart";

    public static async Task<ClickHouseCluster> DiscoverAsync(ClickHouseHttp entry, CancellationToken ct)
    {
        var hosts = await entry.QueryAsync(
            $"SELECT shard_num, host_address, port FROM system.clusters WHERE cluster = '{Name}' AND replica_num = 1 ORDER BY shard_num", ct);
        if (hosts.Rows.Count == 0)
        {
            throw new ClickHouseException($"{entry.Endpoint}: the server has no cluster '{Name}' in its remote_servers (see docs/scale-out.md)");
        }

        var shards = new List<Uri>();
        foreach (var row in hosts.Rows)
        {
            // Host and port come from the server's own configuration, not from the user.
            var address = $"{row[1]}:{row[2]}";
            var macro = await entry.QueryAsync($"SELECT substitution FROM remote('{address}', system.macros) WHERE macro = 'http_url'", ct);
            if (macro.Rows.Count != 1 || !Uri.TryCreate(macro.Rows[0][0], UriKind.Absolute, out var url))
            {
                throw new ClickHouseException($"{entry.Endpoint}: shard {row[0]} ({address}) has no macro http_url naming its HTTP URL (see docs/scale-out.md)");
            }

            shards.Add(url);
        }

        return new ClickHouseCluster(entry.Endpoint, shards);
    }
}
