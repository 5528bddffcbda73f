using DuckMart.Segments;
using DuckMart.Segments.Validation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace DuckMart.Api.Problems;

/// <summary>
/// Bodiless error statuses set by routing (unknown route 404, wrong method 405, content type refused by an
/// endpoint's Accepts metadata 415) become problems with the same stable <c>code</c> the endpoints use.
/// </summary>
public static class StatusCodeProblems
{
    public static Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        return ProblemResponse.WriteAsync(http, For(http.Response.StatusCode, http.Request.ContentType));
    }

    public static ProblemDetails For(int status, string? contentType)
    {
        var problem = new ProblemDetails { Status = status };
        switch (status)
        {
            case StatusCodes.Status404NotFound:
                problem.Title = "Not found";
                problem.Detail = "There is nothing at this address; see /docs for the API.";
                problem.Extensions["code"] = ErrorCodes.Http.NotFound;
                break;
            case StatusCodes.Status405MethodNotAllowed:
                problem.Title = "Method not allowed";
                problem.Extensions["code"] = ErrorCodes.Http.MethodNotAllowed;
                break;
            case StatusCodes.Status415UnsupportedMediaType:
                problem.Title = "Unsupported media type";
                problem.Extensions["code"] = ErrorCodes.Http.UnsupportedMediaType;
                problem.Extensions["errors"] = new List<SpecError>
                {
                    new("", ErrorCodes.Http.UnsupportedMediaType, $"Send the body as application/json, not {(string.IsNullOrEmpty(contentType) ? "without a Content-Type" : contentType)}."),
                };
                break;
        }

        return problem;
    }
}
