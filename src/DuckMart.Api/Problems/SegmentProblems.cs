using DuckMart.Segments;
using DuckMart.Segments.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DuckMart.Api.Problems;

/// <summary>
/// Every problem (RFC 9457) the segments API answers with, in one place so that status, title and code
/// stay the same whichever path produced them. Input problems carry <c>errors</c>: pointer, code, message.
/// </summary>
public static class SegmentProblems
{
    public const string InvalidTitle = "Invalid segment";

    public static ProblemHttpResult Invalid(IEnumerable<SpecError> errors) => TypedResults.Problem(InvalidDetails(errors));

    public static ProblemHttpResult Invalid(string pointer, string code, string message) => Invalid([new SpecError(pointer, code, message)]);

    public static ProblemDetails InvalidDetails(IEnumerable<SpecError> errors) => new()
    {
        Status = StatusCodes.Status400BadRequest,
        Title = InvalidTitle,
        Extensions = { ["errors"] = errors.ToList() },
    };

    public static ProblemHttpResult BodyTooLarge(long maxBytes) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status413PayloadTooLarge,
        Title = "Request body too large",
        Extensions = { ["errors"] = new List<SpecError> { new("", ErrorCodes.BodyTooLarge, $"The request body is larger than {maxBytes} bytes.") } },
    });

    /// <summary>The same answer routing gives (through <see cref="StatusCodeProblems"/>) when Accepts metadata refuses the type.</summary>
    public static ProblemHttpResult UnsupportedMediaType(string? contentType) =>
        TypedResults.Problem(StatusCodeProblems.For(StatusCodes.Status415UnsupportedMediaType, contentType));

    public static ProblemHttpResult NotFound(string id) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status404NotFound,
        Title = "Segment not found",
        Detail = $"There is no saved segment '{id}'.",
        Extensions = { ["code"] = ErrorCodes.Http.SegmentNotFound },
    });

    public static ProblemHttpResult InUse(string id, IReadOnlyList<string> referencedBy) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status409Conflict,
        Title = "Segment in use",
        Detail = $"Saved segment '{id}' is referred to by {string.Join(", ", referencedBy.Select(r => $"'{r}'"))}; change or delete those first.",
        Extensions = { ["code"] = ErrorCodes.Http.SegmentInUse, ["referencedBy"] = referencedBy },
    });

    public static ProblemHttpResult QueryTimeout(TimeSpan timeout) => TypedResults.Problem(QueryTimeoutDetails(timeout));

    public static ProblemDetails QueryTimeoutDetails(TimeSpan timeout) => new()
    {
        Status = StatusCodes.Status503ServiceUnavailable,
        Title = "Query timed out",
        Detail = $"The segment query ran longer than the server's limit of {timeout.TotalSeconds:0.###} s and was stopped.",
        Extensions = { ["code"] = ErrorCodes.Http.QueryTimeout },
    };
}
