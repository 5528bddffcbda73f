using DuckMart.Api.Segments;
using DuckMart.Segments.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DuckMart.Api.Dataset;

/// <summary>
/// GET /dataset (what the loaded data covers: users, events, the time they span) and GET /dataset/vocabulary
/// (event names, attribute values and ranges, with counts): what a new user needs to ask questions the data
/// can answer. Both come from <see cref="DatasetCatalog"/>, read once per loaded database.
/// </summary>
public static class DatasetApi
{
    public static IServiceCollection AddDatasetApi(this IServiceCollection services)
    {
        // TryAdd: serve --clickhouse registers the cluster's source first.
        services.TryAddSingleton<IDatasetSource, DuckDbDatasetSource>();
        services.AddSingleton<DatasetCatalog>();
        services.AddHostedService<DatasetWarmUp>();
        return services;
    }

    public static IEndpointRouteBuilder MapDatasetApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/dataset").WithTags("Dataset");
        api.MapGet("/", GetSummaryAsync)
            .WithName("GetDataset")
            .WithSummary("What the loaded data covers: how many users and events, and the first and last event's time.")
            .ProducesQueryTimeout();
        api.MapGet("/vocabulary", GetVocabularyAsync)
            .WithName("GetVocabulary")
            .WithSummary("Event names, attribute values (location, subscriptionPlan, deviceType, gender) with counts, and value ranges (age, signupDate).")
            .ProducesQueryTimeout();
        return app;
    }

    public static async Task<Results<Ok<DatasetSummary>, ProblemHttpResult>> GetSummaryAsync(DatasetCatalog catalog, CancellationToken ct) =>
        await catalog.GetAsync(ct) is { } vocabulary ? TypedResults.Ok(vocabulary.Dataset) : Unavailable();

    public static async Task<Results<Ok<DataVocabulary>, ProblemHttpResult>> GetVocabularyAsync(DatasetCatalog catalog, CancellationToken ct) =>
        await catalog.GetAsync(ct) is { } vocabulary ? TypedResults.Ok(vocabulary) : Unavailable();

    private static ProblemHttpResult Unavailable() => TypedResults.Problem(
        title: "Dataset unavailable",
        detail: "The loaded data could not be read; GET /health says whether the database opens.",
        statusCode: StatusCodes.Status503ServiceUnavailable,
        extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.Http.DatabaseUnavailable });
}
