using Microsoft.AspNetCore.Mvc;

namespace DuckMart.Api.Reliability;

/// <summary>
/// Writes an RFC 9457 problem (application/problem+json) from middleware, where no endpoint result exists,
/// through the app's IProblemDetailsService so that it looks like every other error of the API.
/// </summary>
public static class ProblemResponse
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail, string code)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions["code"] = code;
        context.Response.StatusCode = status;
        var service = context.RequestServices.GetService<IProblemDetailsService>();
        if (service is null || !await service.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
        {
            await TypedResults.Problem(problem).ExecuteAsync(context);
        }
    }
}
