using DuckMart.Data;
using DuckMart.Segments.Spec;

namespace DuckMart.Segments;

/// <summary>One segment ready to run against one database connection: its IDs, its count, its SQL.</summary>
public sealed class SegmentQuery
{
    private SegmentQuery()
    {
    }

    public static SegmentQuery Create(DuckMartDb db, Condition where, EvaluationTime time, ISavedSegments saved) =>
        throw new NotImplementedException();

    /// <summary>The matching user IDs in ascending order; compose Where/Take on it for paging.</summary>
    public IQueryable<long> UserIds => throw new NotImplementedException();

    public Task<long> CountAsync(CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>IDs greater than <paramref name="after"/>, ascending, at most <paramref name="limit"/>, streamed from DuckDB.</summary>
    public IAsyncEnumerable<long> StreamUserIdsAsync(long? after, int? limit, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <summary>The SQL of the ID query with its parameters (never values inlined).</summary>
    public (string Sql, IReadOnlyDictionary<string, object?> Parameters) Explain() => throw new NotImplementedException();
}
