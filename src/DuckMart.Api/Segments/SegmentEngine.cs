using DuckMart.Data;
using DuckMart.Segments;
using DuckMart.Segments.Spec;

namespace DuckMart.Api.Segments;

/// <summary>One evaluation of a segment on one connection: what the endpoints count, page, stream and explain.</summary>
public interface ISegmentEvaluation
{
    Task<long> CountAsync(CancellationToken cancellationToken);

    /// <summary>See <see cref="SegmentQuery.ReadUserIdsAsync"/>: the query has run when this completes.</summary>
    Task<UserIdReader> ReadUserIdsAsync(long? after, int? limit, CancellationToken cancellationToken);

    (string Sql, IReadOnlyDictionary<string, object?> Parameters) Explain();
}

/// <summary>
/// Where evaluations come from. The seam exists so that tests can put a deliberately slow query behind the
/// real endpoints (the timeout path); production uses <see cref="SegmentQueryEngine"/>.
/// </summary>
public interface ISegmentEngine
{
    ISegmentEvaluation Create(DuckMartDb db, Condition where, EvaluationTime time, ISavedSegments saved);
}

/// <summary>The real engine: <see cref="SegmentQuery"/> from DuckMart.Segments.</summary>
public sealed class SegmentQueryEngine : ISegmentEngine
{
    public ISegmentEvaluation Create(DuckMartDb db, Condition where, EvaluationTime time, ISavedSegments saved) =>
        new Evaluation(SegmentQuery.Create(db, where, time, saved));

    private sealed class Evaluation(SegmentQuery query) : ISegmentEvaluation
    {
        public Task<long> CountAsync(CancellationToken cancellationToken) => query.CountAsync(cancellationToken);

        public Task<UserIdReader> ReadUserIdsAsync(long? after, int? limit, CancellationToken cancellationToken) =>
            query.ReadUserIdsAsync(after, limit, cancellationToken);

        public (string Sql, IReadOnlyDictionary<string, object?> Parameters) Explain() => query.Explain();
    }
}
