using DuckMart.Api.Segments;
using DuckMart.Data;
using DuckMart.Segments;
using DuckMart.Segments.Spec;
using LinqToDB.Data;

namespace DuckMart.Api.Tests.Segments.Fixtures;

/// <summary>
/// A test double behind the real endpoints: every segment is the given IDs, so that paging, CSV, countOnly and
/// explain are tested on the HTTP layer alone. With <see cref="Slow"/> set, counting runs a query DuckDB
/// needs minutes for, on the request's connection and token, to prove the timeout path.
/// </summary>
public sealed class ListEngine(IReadOnlyList<long> ids) : ISegmentEngine
{
    /// <summary>Minutes of work for DuckDB: a trillion-row cross join it cannot shortcut.</summary>
    public const string HeavySql = "SELECT sum(a.range * b.range) FROM range(1000000) a, range(1000000) b";

    public const string ExplainSql = "SELECT u.user_id FROM users u WHERE u.age BETWEEN $p1 AND $p2 ORDER BY u.user_id";

    public IReadOnlyList<long> Ids { get; } = ids;

    public bool Slow { get; set; }

    /// <summary>When set, counting throws this: an engine failure the server must not leak.</summary>
    public Exception? Failure { get; set; }

    public ISegmentEvaluation Create(DuckMartDb db, Condition where, EvaluationTime time, ISavedSegments saved) => new Evaluation(this, db);

    private sealed class Evaluation(ListEngine engine, DuckMartDb db) : ISegmentEvaluation
    {
        public async Task<long> CountAsync(CancellationToken cancellationToken)
        {
            if (engine.Failure is { } failure)
            {
                throw failure;
            }

            if (engine.Slow)
            {
                await db.ExecuteAsync<long>(HeavySql, cancellationToken);
            }

            return engine.Ids.Count;
        }

        public async IAsyncEnumerable<long> StreamUserIdsAsync(long? after, int? limit, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            if (engine.Slow)
            {
                await db.ExecuteAsync<long>(HeavySql, cancellationToken);
            }

            foreach (var id in engine.Ids.Where(i => after is null || i > after).Take(limit ?? int.MaxValue))
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return id;
            }
        }

        public (string Sql, IReadOnlyDictionary<string, object?> Parameters) Explain() =>
            (ExplainSql, new Dictionary<string, object?> { ["p1"] = 25, ["p2"] = 34 });
    }
}
