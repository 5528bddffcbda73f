using DuckMart.Segments;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DuckMart.Api.Segments;

/// <summary>
/// The first two steps every JSON endpoint of the segments API takes: read the body (<see cref="JsonBody"/>),
/// then hand it to the endpoint's reader, whose <see cref="SegmentException"/> becomes the 400 problem.
/// </summary>
public static class ValidatedBody
{
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, SpecLimits limits, Func<byte[], T> read)
        where T : class
    {
        var (body, problem) = await JsonBody.ReadAsync(request, limits.MaxBodyBytes, request.HttpContext.RequestAborted);
        if (problem is not null)
        {
            return (null, problem);
        }

        try
        {
            return (read(body!), null);
        }
        catch (SegmentException e)
        {
            return (null, SegmentProblems.Invalid(e.Errors));
        }
    }
}
