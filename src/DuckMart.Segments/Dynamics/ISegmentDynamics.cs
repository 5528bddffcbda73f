using DuckMart.Segments.Spec;

namespace DuckMart.Segments.Dynamics;

/// <summary>
/// Segment dynamics (CONTRACT.md section 5) on one engine: <see cref="DuckDbSegmentDynamics"/> over a DuckDB
/// connection, <see cref="ClickHouseSegmentDynamics"/> on a cluster. Both evaluate the segment at each instant
/// exactly as POST /segments would there, so both give the same answers for the same data.
/// </summary>
public interface ISegmentDynamics
{
    /// <summary>Who entered and who left between <paramref name="from"/> and <paramref name="to"/>; each ID list ascending, at most <paramref name="limit"/>.</summary>
    Task<SegmentChanges> ChangesAsync(
        Condition where, DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone, ISavedSegments saved, int limit, CancellationToken cancellationToken);

    /// <summary>The segment's size at every one of <paramref name="points"/>, in order.</summary>
    Task<IReadOnlyList<SizePoint>> SizesAsync(
        Condition where, IReadOnlyList<DateTimeOffset> points, TimeZoneInfo zone, ISavedSegments saved, CancellationToken cancellationToken);
}
