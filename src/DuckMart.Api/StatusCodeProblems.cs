using DuckMart.Segments;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace DuckMart.Api;

/// <summary>
/// Bodiless error statuses set by routing (unknown route 404, wrong method 405, content type refused by an
/// endpoint's Accepts metadata 415) become problems with the same stable <c>code</c> the endpoints use.
/// </summary>
public static class StatusCodeProblems
{
    public static async Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var problem = For(http.Response.StatusCode, http.Request.ContentType);
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }

    public static ProblemDetails For(int status, string? contentType)
    {
        var problem = new ProblemDetails { Status = status };
        switch (status)
        {
            case StatusCodes.Status404NotFound:
                problem.Title = "Not found";
                problem.Detail = "There is nothing at this address; see /docs for the API.";
                problem.Extensions["code"] = "not_found";
                break;
            case StatusCodes.Status405MethodNotAllowed:
                problem.Title = "Method not allowed";
                problem.Extensions["code"] = "method_not_allowed";
                break;
            case StatusCodes.Status415UnsupportedMediaType:
                problem.Title = "Unsupported media type";
                problem.Extensions["code"] = "unsupported_media_type";
                problem.Extensions["errors"] = new List<SpecError>
                {
                    new("", "unsupported_media_type", $"Send the body as application/json, not {(string.IsNullOrEmpty(contentType) ? "without a Content-Type" : contentType)}."),
                };
                break;
        }

        return problem;
    }
}
