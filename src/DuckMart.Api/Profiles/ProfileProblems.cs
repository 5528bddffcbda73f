using DuckMart.Segments;
using DuckMart.Segments.Spec;
using DuckMart.Segments.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DuckMart.Api.Profiles;

/// <summary>
/// The problem+json answers of the profile endpoints, shaped like POST /segments' (CONTRACT.md "Errors"):
/// 400 with every error and its JSON Pointer, 503 past the time limit. Local until the api branch's
/// shared helper can be used instead.
/// </summary>
internal static class ProfileProblems
{
    public static async Task<(SegmentRequest? Request, ProblemHttpResult? Problem)> ReadAsync(
        HttpRequest http, ISavedSegments saved, CancellationToken ct)
    {
        var limits = SpecLimits.Default;
        if (http.ContentLength > limits.MaxBodyBytes)
        {
            return (null, Invalid([new SpecError("", "body_too_large", $"The body is larger than {limits.MaxBodyBytes} bytes.")]));
        }

        using var body = new MemoryStream();
        await http.Body.CopyToAsync(body, ct);
        if (body.Length > limits.MaxBodyBytes)
        {
            return (null, Invalid([new SpecError("", "body_too_large", $"The body is larger than {limits.MaxBodyBytes} bytes.")]));
        }

        try
        {
            var request = SegmentSpecReader.ReadRequest(body.GetBuffer().AsSpan(0, (int)body.Length), saved, limits);
            if (!EvaluationTime.TryFindZone(request.Timezone ?? "UTC", out _))
            {
                return (null, Invalid([new SpecError("/timezone", ErrorCodes.InvalidTimezone, $"'{request.Timezone}' is not an IANA time zone.")]));
            }

            return (request, null);
        }
        catch (SegmentException e)
        {
            return (null, Invalid(e.Errors));
        }
    }

    public static async Task<Results<Ok<T>, ProblemHttpResult>> RunAsync<T>(CancellationToken aborted, Func<CancellationToken, Task<Ok<T>>> query)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        limit.CancelAfter(ProfileApi.QueryTimeLimit);
        try
        {
            return await query(limit.Token);
        }
        catch (SegmentException e)
        {
            return Invalid(e.Errors);
        }
        catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Query took too long",
                detail: $"The query ran past the server's limit of {ProfileApi.QueryTimeLimit.TotalSeconds:0} s and was stopped.");
        }
    }

    public static ProblemHttpResult Invalid(IReadOnlyList<SpecError> errors) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "Invalid segment",
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = errors.Select(e => new { pointer = e.Pointer, code = e.Code, message = e.Message }).ToArray(),
            });
}
