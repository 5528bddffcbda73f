using DuckMart.Data;
using DuckMart.Segments.Dynamics;

namespace DuckMart.Segments.Linq;

/// <summary>
/// Segment dynamics for .NET code (CONTRACT.md section 5, docs/linq.md): who entered and who left a
/// <see cref="Segment"/> between two instants, and its size over time, each in one statement on the engine.
/// <code>
/// var inactive = Segment.Parse("""{ "type": "event", "name": "LOGIN", "count": { "op": "eq", "value": 0 }, "window": { "last": "P14D" } }""");
/// var moved = await inactive.ChangesAsync(db, now.AddDays(-21), now);
/// var weekly = await inactive.SizesAsync(db, now.AddDays(-21), now, TimeSpan.FromDays(7));
/// </code>
/// </summary>
public static class SegmentDynamics
{
    /// <summary>
    /// Members at <paramref name="to"/> who were not at <paramref name="from"/> (entered) and the reverse (left),
    /// each list ascending and cut to <paramref name="limit"/>; the counts are never cut.
    /// </summary>
    public static Task<SegmentChanges> ChangesAsync(
        this Segment segment, DuckMartDb db, DateTimeOffset from, DateTimeOffset to, string? timezone = null, int limit = ChangesRequest.DefaultLimit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(from, to);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return SegmentChanges.ComputeAsync(db, segment.Condition, from, to, Segment.Time(to, timezone).Zone, segment.Saved, limit, cancellationToken);
    }

    /// <summary>The size at <paramref name="from"/>, <paramref name="from"/> + <paramref name="every"/>, … up to and including <paramref name="to"/> (at most 400 points).</summary>
    public static Task<IReadOnlyList<SizePoint>> SizesAsync(
        this Segment segment, DuckMartDb db, DateTimeOffset from, DateTimeOffset to, TimeSpan every, string? timezone = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(from, to);
        ArgumentOutOfRangeException.ThrowIfLessThan(every, TimeSpan.FromSeconds(1));
        return SegmentSizes.ComputeAsync(db, segment.Condition, SizePoints.Between(from, to, every), Segment.Time(to, timezone).Zone, segment.Saved, cancellationToken);
    }
}
