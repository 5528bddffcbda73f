using System.Data;
using System.Data.Common;
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

    /// <summary>When set, reading IDs breaks after this many rows: a failure once the answer has started.</summary>
    public int? BreakAfterRows { get; set; }

    /// <summary>When set, counting and reading IDs throw this: an engine failure the server must not leak.</summary>
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

        public async Task<UserIdReader> ReadUserIdsAsync(long? after, int? limit, CancellationToken cancellationToken)
        {
            if (engine.Failure is { } failure)
            {
                throw failure;
            }

            if (engine.Slow)
            {
                await db.ExecuteAsync<long>(HeavySql, cancellationToken);
            }

            // The same rows the real query returns: the IDs alone for every ID, else the page with the whole count.
            var whole = after is null && limit is null;
            var table = new DataTable();
            table.Columns.Add("user_id", typeof(long));
            table.Columns.Add("total", typeof(long));
            var page = engine.Ids.Where(i => after is null || i > after).Take(limit ?? int.MaxValue).ToList();
            foreach (var id in page)
            {
                table.Rows.Add(id, (long)engine.Ids.Count);
            }

            if (!whole && page.Count == 0)
            {
                table.Rows.Add(DBNull.Value, (long)engine.Ids.Count);
            }

            DbDataReader reader = table.CreateDataReader();
            if (engine.BreakAfterRows is { } rows)
            {
                reader = new FailingReader(reader, rows);
            }

            return new UserIdReader(reader, countColumn: !whole);
        }

        public (string Sql, IReadOnlyDictionary<string, object?> Parameters) Explain() =>
            (ExplainSql, new Dictionary<string, object?> { ["p1"] = 25, ["p2"] = 34 });
    }
}
