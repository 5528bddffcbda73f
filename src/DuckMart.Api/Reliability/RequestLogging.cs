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
        catch (Exception e) when (context.RequestAborted.IsCancellationRequested && IsCancellation(e))
        {
            // The client hung up and the query was stopped on its account: nothing went wrong on the server,
            // and nobody is there to read an answer. Said once, quietly, below; the exception is Debug only.
            logger.LogDebug(e, "Stopped after the client hung up");
        }
        finally
        {
            // The route template (/segments/{id}/users), not the path: a path may hold a user id.
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
            if (context.RequestAborted.IsCancellationRequested)
            {
                logger.LogInformation(
                    "{Method} {Route}: the client hung up after {ElapsedMs:F1} ms",
                    context.Request.Method,
                    route,
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            else
            {
                LogAnswer(context, route, started);
            }
        }
    }

    private void LogAnswer(HttpContext context, string route, long started) =>
            logger.LogInformation(
                "{Method} {Route} answered {StatusCode} in {ElapsedMs:F1} ms",
                context.Request.Method,
                route,
                context.Response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);

    /// <summary>
    /// How a stopped query surfaces, anywhere in the chain: OperationCanceledException (DuckDB.NET while executing,
    /// the deadline interceptor before), a DuckDB Interrupt error (while preparing), an IOException from a closed
    /// connection; wrapped by reflection or aggregation on the way.
    /// </summary>
    public static bool IsCancellation(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is OperationCanceledException or IOException
                or DuckDB.NET.Data.DuckDBException { ErrorType: DuckDB.NET.Native.DuckDBErrorType.Interrupt })
            {
                return true;
            }

            if (e is AggregateException { InnerExceptions: var inner } && inner.Any(IsCancellation))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A caller's id is echoed and logged, so only a short plain token is taken (no log forging).</summary>
    public static string? AcceptedId(string? candidate) =>
        candidate is { Length: > 0 and <= 64 } && SafeId().IsMatch(candidate) ? candidate : null;

    [GeneratedRegex("^[A-Za-z0-9._:-]+$")]
    private static partial Regex SafeId();
}
