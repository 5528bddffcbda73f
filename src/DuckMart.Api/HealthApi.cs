using DuckMart.Data;
using DuckMart.Segments.Validation;
using LinqToDB.Data;
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

    public static async Task<Results<Ok<HealthResponse>, ProblemHttpResult>> CheckAsync(DuckMartDatabase database, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = database.Open();
            await db.ExecuteAsync<int>("SELECT 1", cancellationToken);
            return TypedResults.Ok(new HealthResponse("healthy", database.Path));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return TypedResults.Problem(
                title: "Database unavailable",
                detail: $"The database {database.Path} does not open: {e.Message}",
                statusCode: StatusCodes.Status503ServiceUnavailable,
                extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.Http.DatabaseUnavailable });
        }
    }
}
