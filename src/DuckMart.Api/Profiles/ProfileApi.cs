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

    private static async Task<Results<Ok<SegmentProfile>, ProblemHttpResult>> ProfileAsync(
        HttpContext http, SegmentEvaluator evaluator, SavedSegmentStore saved, SpecLimits limits, TimeProvider clock)
    {
        var arrival = clock.GetUtcNow();
        var (request, problem) = await ReadAsync(http, saved, limits);
        if (request is null)
        {
            return problem!;
        }

        return await evaluator.RunAsync(http, request, arrival, (db, where, time, token) => SegmentProfiler.ProfileAsync(db, where, time, token));
    }

    private static async Task<Results<Ok<UserPage>, ProblemHttpResult>> UsersAsync(
        HttpContext http, SegmentEvaluator evaluator, SavedSegmentStore saved, SpecLimits limits, TimeProvider clock)
    {
        var arrival = clock.GetUtcNow();
        var (request, problem) = await ReadAsync(http, saved, limits);
        if (request is null)
        {
            return problem!;
        }

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
    }

    // The body of POST /segments, read exactly as that endpoint reads it.
    private static Task<(SegmentRequest? Value, ProblemHttpResult? Problem)> ReadAsync(HttpContext http, SavedSegmentStore saved, SpecLimits limits) =>
        ValidatedBody.ReadAsync(http.Request, limits, body => SegmentSpecReader.ReadRequest(body, saved, limits));
}
