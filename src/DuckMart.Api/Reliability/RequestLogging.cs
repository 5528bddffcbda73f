using System.Diagnostics;
using System.Text.RegularExpressions;

namespace DuckMart.Api.Reliability;

/// <summary>
/// Gives every request an id (the caller's <c>X-Request-Id</c> when it is a plain token, else the server's
/// TraceIdentifier), echoes it in the answer and puts it on every log line of the request as <c>RequestId</c>,
/// then logs one line per request: method, route template, status, time. Never the path values, query
/// string, headers or body: they carry user data and spec values (docs/reliability.md "Logs").
/// </summary>
public sealed partial class RequestLogging(RequestDelegate next, ILogger<RequestLogging> logger)
{
    public const string HeaderName = "X-Request-Id";

    public async Task InvokeAsync(HttpContext context)
    {
        var id = AcceptedId(context.Request.Headers[HeaderName].ToString()) ?? context.TraceIdentifier;
        context.TraceIdentifier = id;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[HeaderName] = id;
            return Task.CompletedTask;
        });

        using var scope = logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = id });
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            // The route template (/segments/{id}/users), not the path: a path may hold a user id.
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
            logger.LogInformation(
                "{Method} {Route} answered {StatusCode} in {ElapsedMs:F1} ms",
                context.Request.Method,
                route,
                context.Response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>A caller's id is echoed and logged, so only a short plain token is taken (no log forging).</summary>
    public static string? AcceptedId(string? candidate) =>
        candidate is { Length: > 0 and <= 64 } && SafeId().IsMatch(candidate) ? candidate : null;

    [GeneratedRegex("^[A-Za-z0-9._:-]+$")]
    private static partial Regex SafeId();
}
