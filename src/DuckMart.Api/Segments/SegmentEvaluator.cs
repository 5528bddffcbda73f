using System.Linq.Expressions;
using DuckMart.Api.Dataset;
using DuckMart.Api.Reliability;
using DuckMart.Data;
using DuckMart.Domain;
using DuckMart.Segments;
using DuckMart.Segments.Saved;
using DuckMart.Segments.Spec;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace DuckMart.Api.Segments;

/// <summary>
/// What POST /segments and GET /segments/{id}/users share once the condition and the parameters are known:
/// count, one page, the SQL, or the CSV stream; each answer is one query under one <see cref="QueryDeadline"/>.
/// </summary>
public sealed class SegmentEvaluator(DuckMartDb db, ISegmentEngine engine, SavedSegmentStore saved, IOptions<SegmentsOptions> options, DatasetCatalog dataset)
{
    public async Task<Results<SegmentJsonResult, UserIdsCsvResult, ProblemHttpResult>> EvaluateAsync(
        HttpContext http, Condition where, EvaluationParameters parameters)
    {
        var deadline = QueryDeadline.Start(http, options.Value.QueryTimeout);
        try
        {
            var evaluation = engine.Create(db, where, parameters.Time, saved);
            if (WantsCsv(http.Request))
            {
                return new UserIdsCsvResult(await ReadAsync(http, evaluation, null, null, deadline));
            }

            // Warnings look the spec's words up in the loaded data (cached per version), read from the engine the
            // segment runs on (IDatasetSource): a misspelled name answers 0, and says why.
            var warnings = await dataset.GetAsync(db, deadline.Token) is { } vocabulary
                ? SegmentWarnings.Find(where, parameters.Time, vocabulary)
                : [];
            var explain = parameters.Explain ? evaluation.Explain() : ((string, IReadOnlyDictionary<string, object?>)?)null;
            if (parameters.CountOnly)
            {
                return SegmentJsonResult.CountOnly(await evaluation.CountAsync(deadline.Token), parameters.Time.AsOfUtc, explain, warnings);
            }

            // One query: a page comes with the whole segment's count; every ID is its own count. One more than
            // the page is asked for: whether it arrives says if there is a next page.
            var fetch = parameters.Limit is { } l && l < int.MaxValue ? l + 1 : (int?)null;
            var ids = await ReadAsync(http, evaluation, parameters.After, fetch, deadline);
            return SegmentJsonResult.Page(ids, parameters.Limit, parameters.Time.AsOfUtc, explain, warnings);
        }
        catch (SegmentException e)
        {
            // The translator may still refuse what validation let through (a saved segment deleted meanwhile).
            return SegmentProblems.Invalid(e.Errors);
        }
        catch (Exception) when (deadline.Expired)
        {
            // DuckDB reports an interrupt as its own exception, not always OperationCanceledException: the deadline decides.
            return SegmentProblems.QueryTimeout(deadline.Timeout);
        }
    }

    /// <summary>
    /// The profile endpoints' path: the request's time (<see cref="EvaluationTimeResolver"/>), the condition translated
    /// with the saved segments, and <paramref name="query"/> on this request's connection, all under the deadline.
    /// </summary>
    public async Task<Results<Ok<T>, ProblemHttpResult>> RunAsync<T>(
        HttpContext http, SegmentRequest request, DateTimeOffset arrival, Func<DuckMartDb, Expression<Func<User, bool>>, EvaluationTime, CancellationToken, Task<T>> query)
    {
        var errors = new List<SpecError>();
        var time = EvaluationTimeResolver.Resolve(request.AsOf, request.Timezone, arrival, errors);
        if (errors.Count > 0)
        {
            return SegmentProblems.Invalid(errors);
        }

        return await RunAsync(http, options.Value.QueryTimeout, token => query(db, new SegmentTranslator(db, saved).Translate(request.Where, time), time, token));
    }

    /// <summary>
    /// Any other query of a segment endpoint (profile, users, changes, sizes) under the request's one deadline:
    /// its answer, a 400 for a saved segment deleted between validation and translation, a 503 past the limit.
    /// </summary>
    public static async Task<Results<Ok<T>, ProblemHttpResult>> RunAsync<T>(HttpContext http, TimeSpan timeout, Func<CancellationToken, Task<T>> query)
    {
        var deadline = QueryDeadline.Start(http, timeout);
        try
        {
            return TypedResults.Ok(await query(deadline.Token));
        }
        catch (SegmentException e)
        {
            return SegmentProblems.Invalid(e.Errors);
        }
        catch (Exception) when (deadline.Expired)
        {
            // DuckDB reports an interrupt as its own exception, not always OperationCanceledException: the deadline decides.
            return SegmentProblems.QueryTimeout(deadline.Timeout);
        }
    }

    /// <summary>
    /// Runs the ID query under the deadline. DuckDB has computed the whole result when the reader exists, so the
    /// clock stops there: writing the answer is the client reading at its own pace, cancelled only if it leaves.
    /// </summary>
    private static async Task<UserIdReader> ReadAsync(HttpContext http, ISegmentEvaluation evaluation, long? after, int? limit, QueryDeadline deadline)
    {
        var ids = await evaluation.ReadUserIdsAsync(after, limit, deadline.Token);
        http.Response.RegisterForDisposeAsync(ids);
        deadline.Disarm();
        return ids;
    }

    /// <summary>CSV when the client asks for text/csv at least as much as for JSON.</summary>
    public static bool WantsCsv(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        double Quality(string type) => accept
            .Where(a => a.MediaType.Equals(type, StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Quality ?? 1.0)
            .DefaultIfEmpty(0)
            .Max();

        var csv = Quality(UserIdsCsvResult.ContentType);
        return csv > 0 && csv >= Quality("application/json");
    }
}
