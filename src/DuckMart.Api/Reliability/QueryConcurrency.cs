using System.Globalization;
using System.Threading.RateLimiting;
using DuckMart.Segments.Validation;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace DuckMart.Api.Reliability;

/// <summary>
/// One concurrency limit shared by every query endpoint (POST /segments, GET /segments/{id}/users, /odata/...),
/// built on ASP.NET Core's rate limiter. It is keyed on the path, not attached to endpoints, so it covers the
/// OData controllers and the segments API without touching their mapping.
/// </summary>
public static class QueryConcurrency
{
    public const string PartitionKey = "queries";

    public static IServiceCollection AddQueryConcurrencyLimit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<QueryConcurrencyOptions>()
            .Bind(configuration.GetSection(QueryConcurrencyOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<QueryConcurrencyOptions>>((limiter, queries) =>
        {
            var limits = queries.Value;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsQuery(context.Request)
                    ? RateLimitPartition.GetConcurrencyLimiter(PartitionKey, _ => new ConcurrencyLimiterOptions
                    {
                        PermitLimit = limits.PermitLimit,
                        QueueLimit = limits.QueueLimit,
                        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    })
                    : RateLimitPartition.GetNoLimiter(string.Empty));
            limiter.OnRejected = (rejected, _) => RejectAsync(rejected.HttpContext, limits.RetryAfterSeconds);
        });
        return services;
    }

    public static WebApplication UseQueryConcurrencyLimit(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }

    /// <summary>The requests that run a query against DuckDB; $metadata and the service document do not.</summary>
    public static bool IsQuery(HttpRequest request)
    {
        var path = request.Path;
        if (path.StartsWithSegments("/odata", StringComparison.OrdinalIgnoreCase, out var rest))
        {
            return rest.HasValue && rest != "/" && !rest.StartsWithSegments("/$metadata", StringComparison.OrdinalIgnoreCase);
        }

        if (!path.StartsWithSegments("/segments", StringComparison.OrdinalIgnoreCase, out var segmentPath))
        {
            return false;
        }

        if (HttpMethods.IsPost(request.Method))
        {
            return !segmentPath.HasValue || segmentPath == "/";
        }

        // GET /segments/{id}/users
        var parts = segmentPath.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return HttpMethods.IsGet(request.Method) && parts.Length == 2 && parts[1].Equals("users", StringComparison.OrdinalIgnoreCase);
    }

    private static async ValueTask RejectAsync(HttpContext context, int retryAfterSeconds)
    {
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await ProblemResponse.WriteAsync(
            context,
            StatusCodes.Status429TooManyRequests,
            "Too many concurrent queries",
            $"The server is running as many queries as it allows and its queue is full; retry after {retryAfterSeconds} s.",
            ErrorCodes.Http.TooManyQueries);
    }
}
