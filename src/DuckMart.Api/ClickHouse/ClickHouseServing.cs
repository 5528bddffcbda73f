using DuckMart.Api.Segments;
using DuckMart.Data;
using DuckMart.Data.ClickHouse;
using DuckMart.Segments.Dynamics;
using LinqToDB.Data;
using Microsoft.Extensions.Options;

namespace DuckMart.Api.ClickHouse;

/// <summary>
/// The wiring of <c>serve --clickhouse URL</c>: POST /segments, the saved segments, changes and sizes, GET /dataset
/// and GET /health run on the cluster; the parts not built for ClickHouse (OData, the profile and its users page)
/// answer 501 with a problem saying so, rather than answering from a local database (docs/scale-out.md).
/// </summary>
public static class ClickHouseServing
{
    /// <summary>The endpoints that read the local database: the profile and its users page (LINQ over DuckDB).</summary>
    private static readonly string[] LocalDatabaseEndpoints = ["/segments/profile", "/segments/users"];

    /// <summary>
    /// OData and the endpoints above. Matched whole, not by prefix, so that a saved segment's own GET is never
    /// caught (the list once named a /profiles path that does not exist). Changes and sizes, POST and saved forms,
    /// run on the cluster (<see cref="ClickHouseSegmentDynamics"/>).
    /// </summary>
    internal static bool NotOnClickHouse(string path) =>
        path.Trim('/').Split('/')[0].Equals("odata", StringComparison.OrdinalIgnoreCase)
        || LocalDatabaseEndpoints.Any(p => path.TrimEnd('/').Equals(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>Before AddSegmentsApi, whose TryAdd then keeps this engine.</summary>
    public static IServiceCollection AddClickHouseSegments(this IServiceCollection services, string url)
    {
        services.AddSingleton(_ => ClickHouseHttp.Open(url));
        services.AddSingleton<ISegmentEngine, ClickHouseSegmentEngine>();
        services.AddSingleton<ISegmentDynamics>(sp => new ClickHouseSegmentDynamics(
            sp.GetRequiredService<ClickHouseHttp>(), sp.GetRequiredService<IOptions<SegmentsOptions>>().Value.QueryTimeout));
        services.AddSingleton<Dataset.IDatasetSource, ClickHouseDatasetSource>();
        services.AddScoped(_ => NoLocalDatabase());
        return services;
    }

    /// <summary>
    /// The endpoints still take a DuckDB connection per request (SegmentEvaluator, OData controllers); on ClickHouse
    /// nothing that is served reads it, so it is an in-memory database that is never opened: no file is created, and
    /// an endpoint that wrongly read it would fail on the missing tables instead of answering from empty ones.
    /// </summary>
    public static DuckMartDb NoLocalDatabase() => new("Data Source=:memory:");

    public static IApplicationBuilder UseClickHouseNotImplemented(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var path = http.Request.Path.Value ?? "";
            if (NotOnClickHouse(path))
            {
                await Results.Problem(
                    statusCode: StatusCodes.Status501NotImplemented,
                    title: "Not available on ClickHouse",
                    detail: $"{path} is not served from a ClickHouse cluster yet; POST /segments, the saved segments, changes and sizes are (docs/scale-out.md).").ExecuteAsync(http);
                return;
            }

            await next(http);
        });
}
