using DuckMart.Data;
using DuckMart.Segments;
using DuckMart.Segments.Spec;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace DuckMart.Api.Segments;

/// <summary>
/// What POST /segments and GET /segments/{id}/users share once the condition and the parameters are known:
/// count, one page, the SQL, or the CSV stream; all under one <see cref="QueryDeadline"/>.
/// </summary>
public sealed class SegmentEvaluator(DuckMartDb db, ISegmentEngine engine, SavedSegmentStore saved, IOptions<SegmentsOptions> options)
{
    public async Task<Results<Ok<SegmentResponse>, UserIdsCsvResult, ProblemHttpResult>> EvaluateAsync(
        HttpContext http, Condition where, EvaluationParameters parameters)
    {
        var deadline = QueryDeadline.Start(http, options.Value.QueryTimeout);
        try
        {
            var evaluation = engine.Create(db, where, parameters.Time, saved);
            if (WantsCsv(http.Request))
            {
                return new UserIdsCsvResult(evaluation, deadline);
            }

            var count = await evaluation.CountAsync(deadline.Token);
            List<long>? ids = null;
            string? nextCursor = null;
            if (!parameters.CountOnly)
            {
                // One more than the page: whether it arrives says if there is a next page, without a second query.
                var fetch = parameters.Limit is { } l && l < int.MaxValue ? l + 1 : (int?)null;
                ids = [];
                await foreach (var id in evaluation.StreamUserIdsAsync(parameters.After, fetch, deadline.Token))
                {
                    ids.Add(id);
                }

                if (parameters.Limit is { } limit && ids.Count > limit)
                {
                    ids.RemoveRange(limit, ids.Count - limit);
                    nextCursor = UserIdCursor.Encode(ids[^1]);
                }
            }

            var (sql, sqlParameters) = parameters.Explain ? evaluation.Explain() : (null, null);
            return TypedResults.Ok(new SegmentResponse(count, ids, nextCursor, parameters.Time.AsOfUtc, sql, sqlParameters));
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
