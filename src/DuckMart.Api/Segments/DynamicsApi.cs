using DuckMart.Data;
using DuckMart.Segments;
using DuckMart.Segments.Dynamics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace DuckMart.Api.Segments;

/// <summary>Segment dynamics (CONTRACT.md section 5): who entered and who left between two instants.</summary>
public static class DynamicsApi
{
    public static IEndpointRouteBuilder MapDynamicsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/segments").WithTags("Segments");

        api.MapPost("/changes", ChangesAsync)
            .WithName("SegmentChanges")
            .WithSummary("Who entered and who left a segment between from and to, with its size at both; one query.")
            .Accepts<ChangesBody>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    public static async Task<Results<Ok<ChangesResponse>, ProblemHttpResult>> ChangesAsync(
        HttpContext http, DuckMartDb db, SavedSegmentStore saved, SpecLimits limits, IOptions<SegmentsOptions> options)
    {
        var (body, problem) = await JsonBody.ReadAsync(http.Request, limits.MaxBodyBytes, http.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        ChangesRequest request;
        try
        {
            request = ChangesRequestReader.Read(body, saved, limits);
        }
        catch (SegmentException e)
        {
            return SegmentProblems.Invalid(e.Errors);
        }

        var deadline = QueryDeadline.Start(http, options.Value.QueryTimeout);
        try
        {
            var changes = await SegmentChanges.ComputeAsync(db, request.Where, request.From, request.To, request.Zone, saved, request.Limit, deadline.Token);
            return TypedResults.Ok(new ChangesResponse(
                changes.FromUtc, changes.ToUtc, changes.CountFrom, changes.CountTo,
                new ChangedUsers(changes.EnteredCount, changes.Entered), new ChangedUsers(changes.LeftCount, changes.Left), changes.Stayed));
        }
        catch (SegmentException e)
        {
            // A saved segment deleted between validation and translation.
            return SegmentProblems.Invalid(e.Errors);
        }
        catch (Exception) when (deadline.Expired)
        {
            return SegmentProblems.QueryTimeout(deadline.Timeout);
        }
    }
}

/// <summary>The POST /segments/changes body, for the OpenAPI document only; the reader validates the raw JSON.</summary>
public sealed record ChangesBody(System.Text.Json.JsonElement Where, DateTimeOffset From, DateTimeOffset To, string? Timezone, int? Limit);
