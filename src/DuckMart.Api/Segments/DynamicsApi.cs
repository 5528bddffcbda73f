using DuckMart.Segments;
using DuckMart.Segments.Dynamics;
using DuckMart.Segments.Saved;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace DuckMart.Api.Segments;

/// <summary>Segment dynamics (CONTRACT.md section 5): who entered and who left, and the size over time.</summary>
public static class DynamicsApi
{
    /// <summary>Mapped inside the /segments group by <see cref="SegmentsApi.MapSegmentsApi"/>.</summary>
    public static RouteGroupBuilder MapDynamicsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/changes", ChangesAsync)
            .WithName("SegmentChanges")
            .WithSummary("Who entered and who left a segment between from and to, with its size at both; one query.")
            .Accepts<ChangesBody>("application/json")
            .WithRequestExamples(("Who entered 'no login in 14 days' in the last 3 weeks", SegmentsOpenApi.ChangesExample))
            .ProducesJsonBodyProblems()
            .ProducesQueryTimeout();

        api.MapPost("/sizes", SizesAsync)
            .WithName("SegmentSizes")
            .WithSummary("A segment's size at from, from + every, … up to and including to (at most 400 points); one query.")
            .Accepts<SizesBody>("application/json")
            .WithRequestExamples(("'No login in 14 days', every week", SegmentsOpenApi.SizesExample))
            .ProducesJsonBodyProblems()
            .ProducesQueryTimeout();

        api.MapGet("/{id}/changes", SavedChangesAsync)
            .WithName("SavedSegmentChanges")
            .WithSummary("POST /segments/changes for a saved segment: ?from=&to=&timezone=&limit=.")
            .ProducesSavedSegmentProblems()
            .ProducesQueryTimeout();

        api.MapGet("/{id}/sizes", SavedSizesAsync)
            .WithName("SavedSegmentSizes")
            .WithSummary("POST /segments/sizes for a saved segment: ?from=&to=&every=&timezone=.")
            .ProducesSavedSegmentProblems()
            .ProducesQueryTimeout();
        return api;
    }

    public static async Task<Results<Ok<ChangesResponse>, ProblemHttpResult>> ChangesAsync(
        HttpContext http, ISegmentDynamics dynamics, SavedSegmentStore saved, SpecLimits limits, IOptions<SegmentsOptions> options)
    {
        var (request, problem) = await ValidatedBody.ReadAsync(http.Request, limits, body => ChangesRequestReader.Read(body, saved, limits));
        return request is null ? problem! : await AnswerAsync(http, dynamics, saved, options, request);
    }

    public static async Task<Results<Ok<SizesResponse>, ProblemHttpResult>> SizesAsync(
        HttpContext http, ISegmentDynamics dynamics, SavedSegmentStore saved, SpecLimits limits, IOptions<SegmentsOptions> options)
    {
        var (request, problem) = await ValidatedBody.ReadAsync(http.Request, limits, body => SizesRequestReader.Read(body, saved, limits));
        return request is null ? problem! : await AnswerAsync(http, dynamics, saved, options, request);
    }

    public static async Task<Results<Ok<ChangesResponse>, ProblemHttpResult>> SavedChangesAsync(
        string id, string? from, string? to, string? timezone, string? limit,
        HttpContext http, ISegmentDynamics dynamics, SavedSegmentStore saved, SpecLimits limits, IOptions<SegmentsOptions> options)
    {
        var (request, problem) = ReadSaved(id, saved, [("from", from), ("to", to), ("timezone", timezone), ("limit", limit)], body => ChangesRequestReader.Read(body, saved, limits));
        return request is null ? problem! : await AnswerAsync(http, dynamics, saved, options, request);
    }

    public static async Task<Results<Ok<SizesResponse>, ProblemHttpResult>> SavedSizesAsync(
        string id, string? from, string? to, string? every, string? timezone,
        HttpContext http, ISegmentDynamics dynamics, SavedSegmentStore saved, SpecLimits limits, IOptions<SegmentsOptions> options)
    {
        var (request, problem) = ReadSaved(id, saved, [("from", from), ("to", to), ("every", every), ("timezone", timezone)], body => SizesRequestReader.Read(body, saved, limits));
        return request is null ? problem! : await AnswerAsync(http, dynamics, saved, options, request);
    }

    /// <summary>
    /// A saved form's request: a bad id is a 400 and an unknown one a 404 (CONTRACT.md section 2), before the query
    /// values are looked at; then the values are read as the body they stand for (<see cref="SavedDynamicsQuery"/>).
    /// </summary>
    private static (T? Request, ProblemHttpResult? Problem) ReadSaved<T>(
        string id, SavedSegmentStore saved, IEnumerable<(string Name, string? Value)> query, Func<byte[], T> read)
        where T : class
    {
        if (SegmentId.Check(id) is { } badId)
        {
            return (null, badId);
        }

        if (saved.Get(id) is null)
        {
            return (null, SegmentProblems.NotFound(id));
        }

        try
        {
            return (read(SavedDynamicsQuery.Body(id, query)), null);
        }
        catch (SegmentException e)
        {
            return (null, SegmentProblems.Invalid(e.Errors));
        }
    }

    private static Task<Results<Ok<ChangesResponse>, ProblemHttpResult>> AnswerAsync(
        HttpContext http, ISegmentDynamics dynamics, SavedSegmentStore saved, IOptions<SegmentsOptions> options, ChangesRequest request) =>
        RunAsync(http, options, async token =>
        {
            var changes = await dynamics.ChangesAsync(request.Where, request.From, request.To, request.Zone, saved, request.Limit, token);
            return new ChangesResponse(
                changes.FromUtc, changes.ToUtc, changes.CountFrom, changes.CountTo,
                new ChangedUsers(changes.EnteredCount, changes.Entered), new ChangedUsers(changes.LeftCount, changes.Left), changes.Stayed);
        });

    private static Task<Results<Ok<SizesResponse>, ProblemHttpResult>> AnswerAsync(
        HttpContext http, ISegmentDynamics dynamics, SavedSegmentStore saved, IOptions<SegmentsOptions> options, SizesRequest request) =>
        RunAsync(http, options, async token =>
        {
            var points = await dynamics.SizesAsync(request.Where, request.Points, request.Zone, saved, token);
            return new SizesResponse(points.Select(p => new SizeAt(p.AsOfUtc, p.Count)).ToList());
        });

    /// <summary>The query under the request's deadline: a 503 past it, a 400 for a saved segment deleted meanwhile.</summary>
    private static Task<Results<Ok<T>, ProblemHttpResult>> RunAsync<T>(HttpContext http, IOptions<SegmentsOptions> options, Func<CancellationToken, Task<T>> query) =>
        SegmentEvaluator.RunAsync(http, options.Value.QueryTimeout, query);
}

/// <summary>The POST /segments/changes body, for the OpenAPI document only; the reader validates the raw JSON.</summary>
public sealed record ChangesBody(System.Text.Json.JsonElement Where, DateTimeOffset From, DateTimeOffset To, string? Timezone, int? Limit);

/// <summary>The POST /segments/sizes body, for the OpenAPI document only; the reader validates the raw JSON.</summary>
public sealed record SizesBody(System.Text.Json.JsonElement Where, DateTimeOffset From, DateTimeOffset To, string Every, string? Timezone);
