using DuckMart.Api.Segments;
using DuckMart.Segments;
using DuckMart.Segments.Saved;
using DuckMart.Segments.Spec;
using DuckMart.Segments.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DuckMart.Api.Profiles;

/// <summary>
/// POST /segments/profile and POST /segments/users: what the web builder shows beside the count.
/// Both take the body of POST /segments and go the same way: read and validated by <see cref="ValidatedBody"/>
/// with the registered <see cref="SpecLimits"/>, "now" from the <see cref="TimeProvider"/> when the request arrived,
/// then translated and run by <see cref="SegmentEvaluator"/> under the one deadline.
/// </summary>
public static class ProfileApi
{
    /// <summary>Mapped inside the /segments group by <see cref="SegmentsApi.MapSegmentsApi"/>.</summary>
    public static RouteGroupBuilder MapProfileApi(this RouteGroupBuilder api)
    {
        api.MapPost("/profile", ProfileAsync).WithName("ProfileSegment")
            .WithSummary("Distributions of a segment and of all users, and its weekly activity");
        api.MapPost("/users", UsersAsync).WithName("SegmentUsers")
            .WithSummary("A page of a segment's users with their attributes");
        return api;
    }

    private static Task<Results<Ok<SegmentProfile>, ProblemHttpResult>> ProfileAsync(
        HttpContext http, SegmentEvaluator evaluator, SavedSegmentStore saved, SpecLimits limits, TimeProvider clock) =>
        AnswerAsync(http, saved, limits, clock, (request, arrival) =>
            evaluator.RunAsync(http, request, arrival, (db, where, time, token) => SegmentProfiler.ProfileAsync(db, where, time, token)));

    private static Task<Results<Ok<UserPage>, ProblemHttpResult>> UsersAsync(
        HttpContext http, SegmentEvaluator evaluator, SavedSegmentStore saved, SpecLimits limits, TimeProvider clock) =>
        AnswerAsync(http, saved, limits, clock, async (request, arrival) =>
        {
            if (!SegmentUsers.TryReadCursor(request.Cursor, out var after))
            {
                return SegmentProblems.Invalid([new SpecError("/cursor", ErrorCodes.InvalidCursor, "The cursor is not one this endpoint returned.")]);
            }

            var limit = Math.Clamp(request.Limit ?? SegmentUsers.DefaultLimit, 1, SegmentUsers.MaxLimit);
            return await evaluator.RunAsync(http, request, arrival, async (db, where, time, token) =>
            {
                var (count, rows, next) = await SegmentUsers.PageAsync(db, where, limit, after, token);
                return new UserPage(count, rows, next, time.AsOfUtc);
            });
        });

    /// <summary>
    /// What both endpoints do first: note when the request arrived ("now" is then, not when its query runs), read the
    /// body exactly as POST /segments reads it, and answer its problem or go on to <paramref name="answer"/>.
    /// </summary>
    private static async Task<Results<Ok<T>, ProblemHttpResult>> AnswerAsync<T>(
        HttpContext http, SavedSegmentStore saved, SpecLimits limits, TimeProvider clock,
        Func<SegmentRequest, DateTimeOffset, Task<Results<Ok<T>, ProblemHttpResult>>> answer)
    {
        var arrival = clock.GetUtcNow();
        var (request, problem) = await ValidatedBody.ReadAsync(http.Request, limits, body => SegmentSpecReader.ReadRequest(body, saved, limits));
        return request is null ? problem! : await answer(request, arrival);
    }
}
