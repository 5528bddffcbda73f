using DuckMart.Data;
using DuckMart.Segments.Spec;

namespace DuckMart.Segments.Dynamics;

/// <summary>Dynamics on one DuckDB connection: <see cref="SegmentChanges.ComputeAsync"/> and <see cref="SegmentSizes.ComputeAsync"/>.</summary>
public sealed class DuckDbSegmentDynamics(DuckMartDb db) : ISegmentDynamics
{
    public Task<SegmentChanges> ChangesAsync(
        Condition where, DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone, ISavedSegments saved, int limit, CancellationToken cancellationToken) =>
        SegmentChanges.ComputeAsync(db, where, from, to, zone, saved, limit, cancellationToken);

    public Task<IReadOnlyList<SizePoint>> SizesAsync(
        Condition where, IReadOnlyList<DateTimeOffset> points, TimeZoneInfo zone, ISavedSegments saved, CancellationToken cancellationToken) =>
        SegmentSizes.ComputeAsync(db, where, points, zone, saved, cancellationToken);
}
