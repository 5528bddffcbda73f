using DuckMart.Api.Segments;
using DuckMart.Data;
using DuckMart.Data.ClickHouse;
using LinqToDB.Data;

namespace DuckMart.Api.ClickHouse;

/// <summary>
/// The wiring of <c>serve --clickhouse URL</c>: POST /segments and the saved segments run on the cluster; the
/// parts not built for ClickHouse yet (OData, profiles, /segments/changes and /segments/sizes) answer 501 with a
/// problem saying so, rather than answering from an empty local database (docs/scale-out.md).
/// </summary>
public static class ClickHouseServing
{
    private static readonly string[] NotImplemented = ["/odata", "/profiles", "/segments/changes", "/segments/sizes"];

    /// <summary>Before AddSegmentsApi, whose TryAdd then keeps this engine.</summary>
    public static IServiceCollection AddClickHouseSegments(this IServiceCollection services, string url)
    {
        services.AddSingleton(_ => ClickHouseHttp.Open(url));
        services.AddSingleton<ISegmentEngine, ClickHouseSegmentEngine>();
        services.AddSingleton<Dataset.IDatasetSource, ClickHouseDatasetSource>();
        return services;
    }

    public static IApplicationBuilder UseClickHouseNotImplemented(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var path = http.Request.Path.Value ?? "";
            if (NotImplemented.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            {
                await Results.Problem(
                    statusCode: StatusCodes.Status501NotImplemented,
                    title: "Not available on ClickHouse",
                    detail: $"{path} is not served from a ClickHouse cluster yet; POST /segments and the saved segments are (docs/scale-out.md).").ExecuteAsync(http);
                return;
            }

            await next(http);
        });

    /// <summary>
    /// The endpoints are built over a DuckDB connection per request; on ClickHouse nothing reads it, so it is an
    /// empty database with the product's schema, made once in <paramref name="directory"/>.
    /// </summary>
    public static string CreatePlaceholderDatabase(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "clickhouse-placeholder.duckdb");
        if (!File.Exists(path))
        {
            using var db = new DuckMartDb($"Data Source={path}");
            db.Execute(Schema.CreateUsers);
            db.Execute(Schema.CreateEvents);
        }

        return path;
    }
}
