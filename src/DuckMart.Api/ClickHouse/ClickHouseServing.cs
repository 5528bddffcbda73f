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
    /// <summary>The endpoints that read the local database: the profile, its users page, changes, sizes.</summary>
    private static readonly string[] LocalDatabaseEndpoints = ["/segments/profile", "/segments/users", "/segments/changes", "/segments/sizes"];

    /// <summary>
    /// OData, the POST forms above, and the saved forms <c>/segments/{id}/changes</c> and <c>/sizes</c>. Matched by
    /// segments, not prefix, so that a saved segment's own GET is never caught (the list once named a /profiles
    /// path that does not exist and missed the saved forms, which answered from the empty local file).
    /// </summary>
    internal static bool NotOnClickHouse(string path)
    {
        var parts = path.Trim('/').Split('/');
        return parts[0].Equals("odata", StringComparison.OrdinalIgnoreCase)
            || LocalDatabaseEndpoints.Any(p => path.TrimEnd('/').Equals(p, StringComparison.OrdinalIgnoreCase))
            || (parts.Length == 3 && parts[0].Equals("segments", StringComparison.OrdinalIgnoreCase)
                && (parts[2].Equals("changes", StringComparison.OrdinalIgnoreCase) || parts[2].Equals("sizes", StringComparison.OrdinalIgnoreCase)));
    }

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
            if (NotOnClickHouse(path))
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
