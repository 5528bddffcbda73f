namespace DuckMart.Segments.Rendering.ClickHouse;

/// <summary>
/// How an event subquery reaches the events on a cluster (docs/scale-out.md has the measurements).
/// </summary>
public enum ClickHouseDistribution
{
    /// <summary>
    /// <c>user_id IN (SELECT … FROM events_local …)</c> inside the query over the Distributed <c>users</c>: each
    /// shard answers with its own events. Exact because users and events are sharded by the same <c>user_id</c>.
    /// </summary>
    ShardLocal,

    /// <summary>
    /// <c>user_id GLOBAL IN (SELECT … FROM events …)</c>: the initiator runs the subquery over the whole cluster
    /// and sends its result to every shard. Exact for any sharding, but moves every matching ID twice.
    /// </summary>
    GlobalIn,
}
