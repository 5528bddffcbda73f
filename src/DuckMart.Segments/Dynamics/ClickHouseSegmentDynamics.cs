using System.Globalization;
using DuckMart.Data.ClickHouse;
using DuckMart.Segments.Rendering.ClickHouse;
using DuckMart.Segments.Spec;

namespace DuckMart.Segments.Dynamics;

/// <summary>
/// Dynamics on a ClickHouse cluster (CONTRACT.md sections 5 and 6). Each instant's membership is the ordinary
/// segment query of that instant (<see cref="ClickHouseSegmentQuery"/>), as a set test
/// (<see cref="ClickHouseSegmentQuery.MembershipTest"/>): 18.16 has no <c>EXCEPT</c>, so "entered" is "a member at
/// <c>to</c> and not in the set at <c>from</c>", which is the same set difference DuckDB computes with EXCEPT.
/// Every query carries the time limit (<c>max_execution_time</c>) and a query id that a cancelled request kills.
/// <para>
/// Not ported: DuckDB's one-scan bucket plan for size series (<see cref="BucketSizesSql"/>) and its one-statement
/// shapes; here a series is one count a point (one count for all when no point's SQL differs: nothing depends on asOf).
/// </para>
/// </summary>
public sealed class ClickHouseSegmentDynamics(ClickHouseHttp http, TimeSpan? timeLimit, ClickHouseDistribution distribution = ClickHouseDistribution.ShardLocal)
    : ISegmentDynamics
{
    /// <summary>
    /// Two queries, run at once, each reading both memberships once: the four counts in one aggregation (on every
    /// shard, merged by the initiator), and the users in exactly one of the two sets, ordered and cut per side with
    /// <c>LIMIT n BY</c>. The lists are cut again here, so the answer holds whether 18.16 applies LIMIT BY on the
    /// shards, the initiator or both.
    /// </summary>
    public async Task<SegmentChanges> ChangesAsync(
        Condition where, DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone, ISavedSegments saved, int limit, CancellationToken cancellationToken)
    {
        var atFrom = Query(where, from, zone, saved);
        var atTo = Query(where, to, zone, saved);
        var users = atFrom.UsersTable;
        var counts = $"SELECT countIf({atFrom.MembershipTest} AS at_from), countIf({atTo.MembershipTest} AS at_to), "
            + $"countIf(at_to AND NOT at_from), countIf(at_from AND NOT at_to) FROM {users}";
        var moved = $"SELECT user_id, {atFrom.MembershipTest} AS at_from FROM {users} WHERE at_from != {atTo.MembershipTest} "
            + $"ORDER BY at_from, user_id LIMIT {ClickHouseLiteral.Int(limit)} BY at_from";

        var countRows = http.QueryAsync(counts, cancellationToken, ClickHouseSegmentQuery.Settings(timeLimit));
        var movedRows = http.QueryAsync(moved, cancellationToken, ClickHouseSegmentQuery.Settings(timeLimit));
        var (n, rows) = ((await countRows).Rows, (await movedRows).Rows);
        if (n.Count != 1 || n[0].Length != 4)
        {
            throw new ClickHouseException($"{http.Endpoint}: the changes' counts came back as {n.Count} rows");
        }

        var entered = new List<long>();
        var left = new List<long>();
        foreach (var row in rows)
        {
            (row[1] == "1" ? left : entered).Add(Int64(row[0]));
        }

        entered.Sort();
        left.Sort();
        return new SegmentChanges(
            from.UtcDateTime, to.UtcDateTime, Int64(n[0][0]), Int64(n[0][1]),
            Int64(n[0][2]), entered.Take(limit).ToList(), Int64(n[0][3]), left.Take(limit).ToList());
    }

    /// <summary>One count a point, in order; a single count when every point renders the same SQL.</summary>
    public async Task<IReadOnlyList<SizePoint>> SizesAsync(
        Condition where, IReadOnlyList<DateTimeOffset> points, TimeZoneInfo zone, ISavedSegments saved, CancellationToken cancellationToken)
    {
        var queries = points.Select(p => Query(where, p, zone, saved)).ToList();
        var sizes = new List<SizePoint>(points.Count);
        long? constant = queries.Count > 0 && queries.All(q => q.CountSql == queries[0].CountSql)
            ? await queries[0].CountAsync(http, timeLimit, cancellationToken)
            : null;
        for (var i = 0; i < points.Count; i++)
        {
            var count = constant ?? await queries[i].CountAsync(http, timeLimit, cancellationToken);
            sizes.Add(new SizePoint(points[i].UtcDateTime, count));
        }

        return sizes;
    }

    private ClickHouseSegmentQuery Query(Condition where, DateTimeOffset asOf, TimeZoneInfo zone, ISavedSegments saved) =>
        ClickHouseSegmentQuery.Create(where, new EvaluationTime(asOf, zone), saved, http.Database, distribution);

    private static long Int64(string? cell) => long.Parse(cell!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
}
