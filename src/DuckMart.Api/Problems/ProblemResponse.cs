using Microsoft.AspNetCore.Mvc;

namespace DuckMart.Api.Problems;

/// <summary>
/// Writes an RFC 9457 problem (application/problem+json) where no endpoint result exists (middleware, the
/// exception handlers, the status-code pages), through the app's IProblemDetailsService so that it looks like
/// every other error of the API.
/// </summary>
public static class ProblemResponse
{
    public static Task WriteAsync(HttpContext context, int status, string title, string detail, string code)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions["code"] = code;
        return WriteAsync(context, problem);
    }

    public static async Task WriteAsync(HttpContext context, ProblemDetails problem)
    {
        context.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        var service = context.RequestServices.GetService<IProblemDetailsService>();
        if (service is null || !await service.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
        {
            // The problem writer declines when Accept names only other types (a CSV client); answer in JSON anyway.
            await context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", context.RequestAborted);
        }
    }
}
