using System.Linq.Expressions;
using DuckMart.Data;
using DuckMart.Domain;
using DuckMart.Segments.Spec;
using LinqToDB;
using LinqToDB.Async;

namespace DuckMart.Api.Profiles;

/// <summary>
/// Distributions of a segment and of all users, each one GROUP BY that DuckDB runs over the users the
/// predicate keeps; only the grouped rows (a few dozen) come back to .NET.
/// </summary>
public static class SegmentProfiler
{
    public const int ActivityWeeks = 12;
    public const int TopLocations = 10;

    private static readonly string[] AgeBands = ["<18", "18-24", "25-34", "35-44", "45-54", "55-64", "65+", Unknown];
    private const string Unknown = "unknown";
    private const string Other = "other";

    public static async Task<SegmentProfile> ProfileAsync(
        DuckMartDb db, Expression<Func<User, bool>> where, EvaluationTime time, CancellationToken ct)
    {
        var segment = db.Users.Where(where);

        // One GROUP BY over all five attributes per population, so the segment's predicate (which may scan
        // the events) runs once rather than once per attribute. The combinations are few: 8 age bands times
        // some 50 locations times a handful of plans, devices and genders.
        var allCells = await CellsAsync(db.Users, ct);
        var segmentCells = await CellsAsync(segment, ct);

        var dimensions = new List<ProfileDimension>
        {
            Dimension("age", "Age", segmentCells, allCells, c => c.Age, (_, _) => AgeBands),
            Dimension("location", "Location", segmentCells, allCells, c => c.Location, TopKeys),
            Dimension("subscriptionPlan", "Subscription plan", segmentCells, allCells, c => c.SubscriptionPlan, ByCount),
            Dimension("deviceType", "Device", segmentCells, allCells, c => c.DeviceType, ByCount),
            Dimension("gender", "Gender", segmentCells, allCells, c => c.Gender, ByCount),
        };
        var count = segmentCells.Sum(c => c.Count);
        var total = allCells.Sum(c => c.Count);

        var activity = await ActivityAsync(db, segment, time, ct);
        return new SegmentProfile(
            time.AsOfUtc, time.ZoneId, count, total, dimensions, activity);
    }

    /// <summary>How many users share one combination of the profiled attributes.</summary>
    private sealed record Cell(string? Age, string? Location, string? SubscriptionPlan, string? DeviceType, string? Gender, long Count);

    private static Task<List<Cell>> CellsAsync(IQueryable<User> users, CancellationToken ct) =>
        users
            .GroupBy(u => new { Age = AgeBandOf(u.Age), u.Location, u.SubscriptionPlan, u.DeviceType, u.Gender })
            .Select(g => new Cell(g.Key.Age, g.Key.Location, g.Key.SubscriptionPlan, g.Key.DeviceType, g.Key.Gender, g.LongCount()))
            .ToListAsync(ct);

    /// <summary>
    /// The age band as one SQL CASE. Written as SQL because linq2db 6.5.1 groups a C# conditional chain by one
    /// copy of the CASE and selects another, which DuckDB rejects ("must appear in the GROUP BY clause").
    /// </summary>
    [Sql.Expression(
        "CASE WHEN {0} IS NULL THEN 'unknown' WHEN {0} < 18 THEN '<18' WHEN {0} < 25 THEN '18-24' WHEN {0} < 35 THEN '25-34' "
        + "WHEN {0} < 45 THEN '35-44' WHEN {0} < 55 THEN '45-54' WHEN {0} < 65 THEN '55-64' ELSE '65+' END",
        ServerSideOnly = true,
        IsPure = true)]
    private static string AgeBandOf(int? age) => throw new InvalidOperationException("Runs in DuckDB only.");

    private static ProfileDimension Dimension(
        string field,
        string label,
        List<Cell> segment,
        List<Cell> all,
        Func<Cell, string?> key,
        Func<IReadOnlyDictionary<string, long>, IReadOnlyDictionary<string, long>, IReadOnlyList<string>> order)
    {
        var allCounts = CountBy(all, key);
        var segmentCounts = CountBy(segment, key);
        var shown = order(allCounts, segmentCounts);
        var folded = new HashSet<string>(shown, StringComparer.Ordinal);

        var buckets = shown
            .Select(k => new ProfileBucket(k, segmentCounts.GetValueOrDefault(k), allCounts.GetValueOrDefault(k)))
            .ToList();
        // Whatever the display order leaves out (the long tail of locations) is summed, never dropped.
        var restAll = allCounts.Where(kv => !folded.Contains(kv.Key)).Sum(kv => kv.Value);
        var restSegment = segmentCounts.Where(kv => !folded.Contains(kv.Key)).Sum(kv => kv.Value);
        if (restAll > 0 || restSegment > 0)
        {
            buckets.Insert(buckets.FindIndex(b => b.Key == Unknown) is var u and >= 0 ? u : buckets.Count, new ProfileBucket(Other, restSegment, restAll));
        }

        return new ProfileDimension(field, label, buckets);
    }

    private static Dictionary<string, long> CountBy(List<Cell> cells, Func<Cell, string?> key) =>
        cells.GroupBy(c => key(c) ?? Unknown, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(c => c.Count), StringComparer.Ordinal);

    /// <summary>Every value, the most common overall first, unknown last.</summary>
    private static List<string> ByCount(IReadOnlyDictionary<string, long> all, IReadOnlyDictionary<string, long> segment) =>
        [.. all.Where(kv => kv.Key != Unknown).OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key),
         .. (all.ContainsKey(Unknown) ? new[] { Unknown } : Array.Empty<string>())];

    /// <summary>
    /// The values most common in the segment (then overall), at most <see cref="TopLocations"/>: a segment of
    /// Californians must show California even where it is not among the largest states overall.
    /// </summary>
    private static List<string> TopKeys(IReadOnlyDictionary<string, long> all, IReadOnlyDictionary<string, long> segment) =>
        [.. all.Keys.Where(k => k != Unknown)
            .OrderByDescending(k => segment.GetValueOrDefault(k)).ThenByDescending(k => all[k]).ThenBy(k => k, StringComparer.Ordinal)
            .Take(TopLocations),
         .. (all.ContainsKey(Unknown) ? new[] { Unknown } : Array.Empty<string>())];

    private static async Task<List<ActivityWeek>> ActivityAsync(
        DuckMartDb db, IQueryable<User> segment, EvaluationTime time, CancellationToken ct)
    {
        // Whole weeks ending at asOf: week 11 is [asOf - 7d, asOf). Events at or after asOf are never seen.
        var end = time.AsOfUtc;
        var start = end.AddDays(-7 * ActivityWeeks);
        var inRange = db.Events.Where(e => e.Timestamp >= start && e.Timestamp < end);
        var segmentIds = segment.Select(u => u.UserId);

        var allWeeks = await WeeklyAsync(inRange, start, ct);
        var segmentWeeks = await WeeklyAsync(inRange.Where(e => segmentIds.Contains(e.UserId)), start, ct);

        return [.. Enumerable.Range(0, ActivityWeeks).Select(w => new ActivityWeek(
            DateTime.SpecifyKind(start.AddDays(7 * w), DateTimeKind.Utc),
            segmentWeeks.GetValueOrDefault(w),
            allWeeks.GetValueOrDefault(w)))];
    }

    private static async Task<Dictionary<int, long>> WeeklyAsync(IQueryable<Event> events, DateTime start, CancellationToken ct)
    {
        var rows = await events
            .GroupBy(e => WeekIndex(start, e.Timestamp))
            .Select(g => new { Week = g.Key, Count = g.LongCount() })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.Week, r => r.Count);
    }

    /// <summary>Whole weeks from <paramref name="start"/> to <paramref name="t"/>, in DuckDB (date_diff counts boundaries, so seconds are used).</summary>
    [Sql.Expression("CAST(floor(date_diff('second', {0}, {1}) / 604800.0) AS INTEGER)", ServerSideOnly = true, IsPure = true)]
    private static int WeekIndex(DateTime start, DateTime t) => throw new InvalidOperationException("Runs in DuckDB only.");
}
