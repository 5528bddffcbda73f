using DuckMart.Api.Reliability;
using DuckMart.Segments;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace DuckMart.Api.Problems;

/// <summary>
/// The last word on an exception no endpoint caught: a user's mistake is a 400 problem, a query past the time
/// limit a 503, anything else a 500 problem that says nothing of the server's insides (no stack trace).
/// </summary>
public sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away: there is nobody to answer.
            return true;
        }

        var problem = ToProblem(exception, QueryDeadline.Of(httpContext));
        if (problem.Status == StatusCodes.Status500InternalServerError)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }

        await ProblemResponse.WriteAsync(httpContext, problem);
        return true;
    }

    /// <summary>The problem an exception becomes; separate from the writing so that the mapping is tested on its own.</summary>
    public static ProblemDetails ToProblem(Exception exception, QueryDeadline? deadline) => exception switch
    {
        SegmentException e => SegmentProblems.InvalidDetails(e.Errors),
        _ when deadline is { Expired: true } => SegmentProblems.QueryTimeoutDetails(deadline.Timeout),
        BadHttpRequestException e => new ProblemDetails
        {
            Status = e.StatusCode,
            Title = e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Bad request",
            Detail = e.Message,
        },
        _ => new ProblemDetails
        {
            Status = StatusCodes.Status500InternalServerError,
            Title = "Internal server error",
            Detail = "The server failed to answer this request. The failure is logged; the request may be retried.",
        },
    };
}
