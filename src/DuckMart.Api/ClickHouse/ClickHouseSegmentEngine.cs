using DuckMart.Api.Segments;
using DuckMart.Data;
using DuckMart.Data.ClickHouse;
using DuckMart.Segments;
using DuckMart.Segments.Spec;
using Microsoft.Extensions.Options;

namespace DuckMart.Api.ClickHouse;

/// <summary>
/// <c>serve --clickhouse URL</c>: the segment endpoints' engine on a ClickHouse cluster. It ignores the DuckDB
/// connection it is handed and sends <see cref="ClickHouseSegmentQuery"/>'s SQL over HTTP; the request's deadline
/// cancels the HTTP request and kills the query by its id, and <c>max_execution_time</c> backs that up.
/// </summary>
public sealed class ClickHouseSegmentEngine(ClickHouseHttp http, IOptions<SegmentsOptions> options) : ISegmentEngine
{
    public ISegmentEvaluation Create(DuckMartDb db, Condition where, EvaluationTime time, ISavedSegments saved) =>
        new Evaluation(http, ClickHouseSegmentQuery.Create(where, time, saved, http.Database), options.Value.QueryTimeout);

    private sealed class Evaluation(ClickHouseHttp http, ClickHouseSegmentQuery query, TimeSpan timeLimit) : ISegmentEvaluation
    {
        public Task<long> CountAsync(CancellationToken cancellationToken) => query.CountAsync(http, timeLimit, cancellationToken);

        /// <summary>A page comes with the whole segment's count (a second query, run at the same time); every ID is its own count.</summary>
        public async Task<UserIdReader> ReadUserIdsAsync(long? after, int? limit, CancellationToken cancellationToken)
        {
            if (after is null && limit is null)
            {
                return new UserIdReader(new Int64ListReader(await query.ReadIdsAsync(http, null, null, timeLimit, cancellationToken), null), countColumn: false);
            }

            var count = query.CountAsync(http, timeLimit, cancellationToken);
            var ids = await query.ReadIdsAsync(http, after, limit, timeLimit, cancellationToken);
            return new UserIdReader(new Int64ListReader(ids, await count), countColumn: true);
        }

        public (string Sql, IReadOnlyDictionary<string, object?> Parameters) Explain() =>
            (query.IdsSql, new Dictionary<string, object?>()); // every value is an escaped literal in the SQL
    }
}
