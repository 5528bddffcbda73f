using DuckMart.Api.OData;
using DuckMart.Segments.Validation;
using Microsoft.AspNetCore.Mvc;

namespace DuckMart.Api.Problems;

/// <summary>
/// The 400 answer to a refused OData query: application/problem+json (RFC 9457) like the rest of the API,
/// with an OData-style <c>error</c> member (<c>code</c>, <c>message</c>) so that OData clients find it too.
/// </summary>
public static class ODataProblem
{
    public const string Code = ErrorCodes.Http.InvalidODataQuery;

    public static IActionResult BadQuery(string message)
    {
        message = ODataTerms.Speak(message);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Invalid OData query",
            Detail = message,
        };
        problem.Extensions["error"] = new Dictionary<string, string> { ["code"] = Code, ["message"] = message };
        // A JsonResult, not an ObjectResult: the OData formatter would otherwise try to write ProblemDetails as an entity.
        return new JsonResult(problem) { StatusCode = StatusCodes.Status400BadRequest, ContentType = "application/problem+json" };
    }

    /// <summary>The 503 of CONTRACT.md "Errors": the query was interrupted at the server's time limit; the server goes on.</summary>
    public static IActionResult TimedOut(TimeSpan limit)
    {
        var message = $"The query ran past the server's time limit of {limit.TotalSeconds:0.###} s and was stopped. Narrow the filter or ask for fewer rows.";
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Query timed out",
            Detail = message,
        };
        problem.Extensions["error"] = new Dictionary<string, string> { ["code"] = ErrorCodes.Http.QueryTimeout, ["message"] = message };
        return new JsonResult(problem) { StatusCode = StatusCodes.Status503ServiceUnavailable, ContentType = "application/problem+json" };
    }

    /// <summary>Replaces the library's 400 (a SerializableError with exception type and stack trace) by <see cref="BadQuery"/>.</summary>
    public static IActionResult? FromLibraryError(IActionResult? result)
    {
        if (result is not BadRequestObjectResult { Value: SerializableError error })
        {
            return result;
        }

        // "ExceptionMessage" is the parser's or validator's own words ("The limit of '100000' for Top query
        // has been exceeded..."); "Message" only wraps it in "The query specified in the URI is not valid".
        var message = error.TryGetValue("ExceptionMessage", out var inner) && inner is string s && s.Length > 0
            ? s
            : error.TryGetValue("Message", out var outer) ? outer as string ?? "Invalid query." : "Invalid query.";
        return BadQuery(WithoutServerAdvice(message));
    }

    // The library ends some messages with advice for the server's developer ("To allow it, set the
    // 'AllowedQueryOptions' property on EnableQueryAttribute..."), which a client can do nothing with.
    private static string WithoutServerAdvice(string message)
    {
        var sentences = message.Split(". ")
            .Where(s => !s.Contains("EnableQueryAttribute", StringComparison.Ordinal) && !s.Contains("ValidationSettings", StringComparison.Ordinal));
        var kept = string.Join(". ", sentences).TrimEnd();
        return kept.Length == 0 ? message : kept.EndsWith('.') ? kept : kept + ".";
    }
}
