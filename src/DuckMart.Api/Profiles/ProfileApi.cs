using DuckMart.Api.Segments;
using DuckMart.Data;
using DuckMart.Segments;
using DuckMart.Segments.Spec;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace DuckMart.Api.Profiles;

/// <summary>
/// POST /segments/profile and POST /segments/users: what the web builder shows beside the count.
/// Both take the body of POST /segments, read and validated by the same <see cref="SegmentSpecReader"/>.
/// </summary>
public static class ProfileApi
{

    public static IEndpointRouteBuilder MapProfileApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/segments/profile", ProfileAsync).WithName("ProfileSegment")
            .WithSummary("Distributions of a segment and of all users, and its weekly activity");
        app.MapPost("/segments/users", UsersAsync).WithName("SegmentUsers")
            .WithSummary("A page of a segment's users with their attributes");
        return app;
    }

    private static async Task<Results<Ok<SegmentProfile>, ProblemHttpResult>> ProfileAsync(
        HttpRequest http, DuckMartDb db, IServiceProvider services, IOptions<SegmentsOptions> options, CancellationToken ct)
    {
        var saved = SavedSegmentsOf(services);
        var (request, problem) = await ProfileProblems.ReadAsync(http, saved, ct);
        if (problem is not null)
        {
            return problem;
        }

        return await SegmentEvaluator.RunAsync(http.HttpContext, options.Value.QueryTimeout, async token =>
        {
            var time = TimeOf(request!);
            var where = new SegmentTranslator(db, saved).Translate(request!.Where, time);
            return await SegmentProfiler.ProfileAsync(db, where, time, token);
        });
    }

    private static async Task<Results<Ok<UserPage>, ProblemHttpResult>> UsersAsync(
        HttpRequest http, DuckMartDb db, IServiceProvider services, IOptions<SegmentsOptions> options, CancellationToken ct)
    {
        var saved = SavedSegmentsOf(services);
        var (request, problem) = await ProfileProblems.ReadAsync(http, saved, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (!SegmentUsers.TryReadCursor(request!.Cursor, out var after))
        {
            return ProfileProblems.Invalid([new SpecError("/cursor", "invalid_cursor", "The cursor is not one this endpoint returned.")]);
        }

        var limit = Math.Clamp(request.Limit ?? SegmentUsers.DefaultLimit, 1, SegmentUsers.MaxLimit);
        return await SegmentEvaluator.RunAsync(http.HttpContext, options.Value.QueryTimeout, async token =>
        {
            var time = TimeOf(request);
            var where = new SegmentTranslator(db, saved).Translate(request.Where, time);
            var (count, rows, next) = await SegmentUsers.PageAsync(db, where, limit, after, token);
            return new UserPage(count, rows, next, time.AsOfUtc);
        });
    }

    // The saved-segment store is the api branch's; until it registers ISavedSegments every reference is unknown.
    private static ISavedSegments SavedSegmentsOf(IServiceProvider services) =>
        services.GetService<ISavedSegments>() ?? NoSavedSegments.Instance;

    // The reader has already refused unknown zones and asOf out of range; the resolver would report them (a 400).
    private static EvaluationTime TimeOf(SegmentRequest request) => EvaluationTimeResolver.Resolve(request, DateTimeOffset.UtcNow);
}
