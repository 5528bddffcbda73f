using DuckMart.Data;
using DuckMart.Segments.Spec;
using LinqToDB.Data;

namespace DuckMart.Segments.Dynamics;

/// <summary>A segment's size at one instant of a series.</summary>
public sealed record SizePoint(DateTime AsOfUtc, long Count);

/// <summary>How a size series is asked of the database; <see cref="SegmentSizes.ComputeAsync"/> picks for itself, the bench compares.</summary>
public enum SizesPlan
{
    /// <summary>
    /// The engine's choice, from the bench (docs/dynamics.md): one count repeated when every point renders the same
    /// SQL with the same values (nothing in the segment depends on asOf); <see cref="MembershipMasks"/> where every
    /// event matters by whether one happened, or by at least c of them in a window, and for sequences with no window or
    /// a window <c>last</c> (06 3.7x and 10 5.9x one evaluation in a quick run, a query a point about 25x; it beat every other plan there:
    /// 09 0.39 s against 5 s for the buckets and 4 s for a query a point; 04 2.4x one evaluation in a quick run, where the
    /// buckets took 18.1x in the run before); else <see cref="EventBuckets"/> where its
    /// running-sum shape applies (it won or tied everywhere once it skipped events older than the windows: 12 0.77 s
    /// against 1.73 s, 07 1.4 s against 3.4 s, 04 about even); else <see cref="QueryPerPoint"/>, which beat the
    /// per-point aggregates of absolute first/last times.
    /// </summary>
    Auto,

    /// <summary>One statement over a table of the points, each row carrying its own resolved times (docs/dynamics.md).</summary>
    PointsTable,

    /// <summary>One statement, one counted ID query a point, glued with UNION ALL.</summary>
    OneUnion,

    /// <summary>One statement a point, one after another: the baseline the others are measured against.</summary>
    QueryPerPoint,

    /// <summary>
    /// One scan of the events into per-user, per-name buckets a step wide, then each point an aggregate over the
    /// buckets before it (<see cref="BucketSizesSql"/>); a query a point when the condition has a part it cannot express.
    /// </summary>
    EventBuckets,

    /// <summary>
    /// One scan of the events grouped by user, each user's membership at every point the bits of one number
    /// (<see cref="MembershipMaskSql"/>); a query a point when the condition has a part it cannot express.
    /// </summary>
    MembershipMasks,
}

/// <summary>
/// A segment's size at every point of a series (CONTRACT.md section 5), each point evaluated exactly as POST
/// /segments would at that asOf: the engine renders the ID query at each point. When no rendering differs from
/// another, one count answers every point; otherwise each point is its own query, because DuckDB's unnesting of
/// the one-statement points table (<see cref="SizesPlan.PointsTable"/>) measured slower than N plain queries.
/// </summary>
public static class SegmentSizes
{
    public static async Task<IReadOnlyList<SizePoint>> ComputeAsync(
        DuckMartDb db, Condition where, IReadOnlyList<DateTimeOffset> points, TimeZoneInfo zone, ISavedSegments saved, CancellationToken cancellationToken, SizesPlan plan = SizesPlan.Auto)
    {
        if (points.Count == 0)
        {
            return [];
        }

        if (plan is SizesPlan.MembershipMasks or SizesPlan.Auto && MembershipMaskSql.Render(db, where, points, zone, saved) is { } masks)
        {
            var maskCounts = await RunAsync(db, masks, cancellationToken).ConfigureAwait(false);
            return points.Select((p, i) => new SizePoint(p.UtcDateTime, maskCounts[i])).ToList();
        }

        if (plan is SizesPlan.EventBuckets or SizesPlan.Auto && BucketSizesSql.Render(db, where, points, zone, saved) is { } buckets
            && (plan == SizesPlan.EventBuckets || buckets.Preferred))
        {
            var bucketCounts = await RunAsync(db, (buckets.Sql, buckets.Parameters), cancellationToken).ConfigureAwait(false);
            return points.Select((p, i) => new SizePoint(p.UtcDateTime, bucketCounts[i])).ToList();
        }

        var memberships = points.Select(p => MembershipSql.At(SegmentQuery.Create(db, where, new EvaluationTime(p, zone), saved), "")).ToList();
        var counts = plan switch
        {
            SizesPlan.QueryPerPoint or SizesPlan.EventBuckets or SizesPlan.MembershipMasks => await PerPointAsync(db, memberships, cancellationToken).ConfigureAwait(false),
            SizesPlan.OneUnion => await RunAsync(db, SizesSql.Union(memberships), cancellationToken).ConfigureAwait(false),
            SizesPlan.PointsTable => await RunAsync(db, SizesSql.PointsTable(memberships)
                ?? throw new InvalidOperationException("The points do not render the same SQL, so there is no points table to query."), cancellationToken).ConfigureAwait(false),
            _ => SizesSql.IsConstant(memberships)
                ? await RunAsync(db, SizesSql.PointsTable(memberships)!.Value, cancellationToken).ConfigureAwait(false)
                : await PerPointAsync(db, memberships, cancellationToken).ConfigureAwait(false),
        };

        return points.Select((p, i) => new SizePoint(p.UtcDateTime, counts[i])).ToList();
    }

    /// <summary>
    /// True when the one-scan <paramref name="plan"/> (<see cref="SizesPlan.EventBuckets"/> or
    /// <see cref="SizesPlan.MembershipMasks"/>) can answer this series in one scan of the events (evenly spaced
    /// points, and every part of the condition one it can express); otherwise that plan asks a query a point.
    /// </summary>
    public static bool ReadsEventsOnce(
        DuckMartDb db, Condition where, IReadOnlyList<DateTimeOffset> points, TimeZoneInfo zone, ISavedSegments saved, SizesPlan plan = SizesPlan.EventBuckets) =>
        OneScan(db, where, points, zone, saved, plan) is not null;

    /// <summary>The one statement a one-scan plan runs, with its parameters, or null where it asks a query a point.</summary>
    public static (string Sql, IReadOnlyDictionary<string, object?> Parameters)? ExplainEventBuckets(
        DuckMartDb db, Condition where, IReadOnlyList<DateTimeOffset> points, TimeZoneInfo zone, ISavedSegments saved, SizesPlan plan = SizesPlan.EventBuckets) =>
        OneScan(db, where, points, zone, saved, plan) is { } statement
            ? (statement.Sql, statement.Parameters.ToDictionary(p => p.Name!, p => p.Value, StringComparer.Ordinal))
            : null;

    private static (string Sql, DataParameter[] Parameters)? OneScan(
        DuckMartDb db, Condition where, IReadOnlyList<DateTimeOffset> points, TimeZoneInfo zone, ISavedSegments saved, SizesPlan plan) => plan switch
        {
            SizesPlan.EventBuckets => BucketSizesSql.Render(db, where, points, zone, saved) is { } buckets ? (buckets.Sql, buckets.Parameters) : null,
            SizesPlan.MembershipMasks => MembershipMaskSql.Render(db, where, points, zone, saved),
            _ => throw new ArgumentOutOfRangeException(nameof(plan), plan, "Only the one-scan plans read the events once."),
        };

    private static async Task<long[]> RunAsync(DuckMartDb db, (string Sql, DataParameter[] Parameters) statement, CancellationToken cancellationToken)
    {
        var rows = new List<(int Point, long Count)>();
        await using (var result = await new CommandInfo(db, statement.Sql, statement.Parameters).ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            var reader = result.Reader!;
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add((reader.GetInt32(0), reader.GetInt64(1)));
            }
        }

        var counts = new long[rows.Count == 0 ? 0 : rows.Max(r => r.Point) + 1];
        foreach (var (point, count) in rows)
        {
            counts[point] = count;
        }

        return counts;
    }

    private static async Task<long[]> PerPointAsync(DuckMartDb db, IReadOnlyList<MembershipSql> memberships, CancellationToken cancellationToken)
    {
        var counts = new long[memberships.Count];
        for (var i = 0; i < memberships.Count; i++)
        {
            var sql = "SELECT 0 AS point, count(*)::BIGINT FROM (\n" + memberships[i].Sql + "\n) m";
            counts[i] = (await RunAsync(db, (sql, [.. memberships[i].Parameters]), cancellationToken).ConfigureAwait(false))[0];
        }

        return counts;
    }
}
