using DuckMart.Api.Dataset;
using DuckMart.Segments.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DuckMart.Api;

/// <summary>GET /health: the server is up and its database opens. Kept cheap (no counting) so probes can call it often.</summary>
public static class HealthApi
{
    public sealed record HealthResponse(string Status, string Database);

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", CheckAsync)
            .WithTags("Health")
            .WithName("Health")
            .WithSummary("200 when the database opens, 503 problem when it does not.");
        return app;
    }

    /// <summary>The served database is the engine's (<see cref="IDatasetSource"/>): the DuckDB file, or on <c>serve --clickhouse</c> the cluster.</summary>
    public static async Task<Results<Ok<HealthResponse>, ProblemHttpResult>> CheckAsync(IDatasetSource database, CancellationToken cancellationToken)
    {
        try
        {
            await database.CheckAsync(cancellationToken);
            return TypedResults.Ok(new HealthResponse("healthy", database.Name));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return TypedResults.Problem(
                title: "Database unavailable",
                detail: $"The database {database.Name} does not open: {e.Message}",
                statusCode: StatusCodes.Status503ServiceUnavailable,
                extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.Http.DatabaseUnavailable });
        }
    }
}
