using System.Text.Json;
using DuckMart.Api.Profiles;
using DuckMart.Segments;
using DuckMart.Segments.Dynamics;
using DuckMart.Segments.Saved;
using DuckMart.Segments.Spec;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DuckMart.Api.Segments;

/// <summary>POST /segments and the saved segments (CONTRACT.md section 2).</summary>
public static class SegmentsApi
{
    public static IServiceCollection AddSegmentsApi(this IServiceCollection services)
    {
        services.AddOptions<SegmentsOptions>()
            .BindConfiguration(SegmentsOptions.Section)
            .Validate(o => o.QueryTimeout > TimeSpan.Zero, "DuckMart:QueryTimeout must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(SpecLimits.Default);
        services.TryAddSingleton<ISegmentEngine, SegmentQueryEngine>();
        services.TryAddScoped<ISegmentDynamics>(sp => new DuckDbSegmentDynamics(sp.GetRequiredService<Data.DuckMartDb>()));
        services.TryAddSingleton(sp =>
        {
            var file = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<SegmentsOptions>>().Value.SavedSegmentsFile
                ?? (sp.GetService<Data.DuckMartDatabase>() is { } database
                    ? database.Path + ".segments.json"
                    : throw new InvalidOperationException("DuckMart:SavedSegmentsFile must be set when no DuckDB file is served (serve --clickhouse sets it)."));
            return new SavedSegmentStore(file, sp.GetRequiredService<SpecLimits>());
        });
        services.TryAddSingleton<ISavedSegments>(sp => sp.GetRequiredService<SavedSegmentStore>());
        services.TryAddScoped<SegmentEvaluator>();
        services.TryAddSingleton<TranslationWarmUp>();
        services.AddHostedService(sp => sp.GetRequiredService<TranslationWarmUp>());
        return services;
    }

    public static IEndpointRouteBuilder MapSegmentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/segments").WithTags("Segments");

        api.MapPost("/", EvaluateAsync)
            .WithName("EvaluateSegment")
            .WithSummary("Evaluate a segment: its size, one page of user IDs, optionally the SQL; every ID as CSV with Accept: text/csv.")
            .Accepts<SegmentRequest>("application/json")
            .WithRequestExamples(("Users aged 25 to 34", SegmentsOpenApi.AgeBandExample), ("Californians who logged in", SegmentsOpenApi.CaliforniaLoginExample))
            .WithCsvAlternative()
            .ProducesJsonBodyProblems()
            .ProducesQueryTimeout();

        api.MapGet("/", ListSaved)
            .WithName("ListSavedSegments")
            .WithSummary("Every saved segment, by id.");

        api.MapGet("/schema", GetSchema)
            .WithName("GetSegmentSchema")
            .WithSummary("The JSON Schema of a segment request.");

        api.MapGet("/schema/fields", GetFields)
            .WithName("GetSegmentFields")
            .WithSummary("The user attributes a condition may name: kind, operators, bounds and a label (what the web builder offers).");

        api.MapGet("/{id}", GetSaved)
            .WithName("GetSavedSegment")
            .WithSummary("One saved segment's definition.")
            .ProducesSavedSegmentProblems();

        api.MapPut("/{id}", SaveAsync)
            .WithName("SaveSegment")
            .WithSummary("Save { where, description } under id; 201 when new, 200 when replaced.")
            .Accepts<SavedSegmentBody>("application/json")
            .WithRequestExamples(("Frequent buyers", SegmentsOpenApi.SavedExample))
            .ProducesJsonBodyProblems();

        api.MapDelete("/{id}", Delete)
            .WithName("DeleteSavedSegment")
            .WithSummary("Delete a saved segment; 409 while another saved segment refers to it.")
            .ProducesSavedSegmentProblems()
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/{id}/users", EvaluateSavedAsync)
            .WithName("EvaluateSavedSegment")
            .WithSummary("Evaluate a saved segment: the same answer as POST /segments.")
            .WithCsvAlternative()
            .ProducesSavedSegmentProblems()
            .ProducesQueryTimeout();

        // The builder's profile and user-page endpoints, and the dynamics: the same body, limits, clock and deadline as POST /segments.
        api.MapProfileApi();
        api.MapDynamicsApi();
        return app;
    }

    public static async Task<Results<SegmentJsonResult, UserIdsCsvResult, ProblemHttpResult>> EvaluateAsync(
        HttpContext http, SegmentEvaluator evaluator, SavedSegmentStore saved, SpecLimits limits, TimeProvider clock)
    {
        // "Now" is when the request arrived, not when its query happens to run.
        var arrival = clock.GetUtcNow();
        var (request, problem) = await ValidatedBody.ReadAsync(http.Request, limits, body => SegmentSpecReader.ReadRequest(body, saved, limits));
        if (request is null)
        {
            return problem!;
        }

        var errors = new List<SpecError>();
        var parameters = EvaluationParameters.Resolve(request, arrival, errors);
        return errors.Count > 0 ? SegmentProblems.Invalid(errors) : await evaluator.EvaluateAsync(http, request.Where, parameters);
    }

    public static async Task<Results<SegmentJsonResult, UserIdsCsvResult, ProblemHttpResult>> EvaluateSavedAsync(
        [AsParameters] SavedSegmentQuery query, HttpContext http, SegmentEvaluator evaluator, SavedSegmentStore saved, TimeProvider clock)
    {
        var arrival = clock.GetUtcNow();
        var id = query.Id;
        if (SegmentId.Check(id) is { } badId)
        {
            return badId;
        }

        if (saved.Get(id) is null)
        {
            return SegmentProblems.NotFound(id);
        }

        var errors = new List<SpecError>();
        var parameters = EvaluationParameters.Resolve(query, arrival, errors);
        if (errors.Count > 0)
        {
            return SegmentProblems.Invalid(errors);
        }

        // The saved segment as a reference, so it is read and inlined exactly as a { "type": "segment" } node would be.
        return await evaluator.EvaluateAsync(http, new SegmentCondition(id), parameters);
    }

    public static Ok<IReadOnlyList<SavedSegment>> ListSaved(SavedSegmentStore saved) => TypedResults.Ok(saved.List());

    public static Ok<IReadOnlyList<FieldInfo>> GetFields() => TypedResults.Ok(FieldInfo.All);

    public static ContentHttpResult GetSchema() => TypedResults.Text(SegmentSchema.Json, "application/schema+json");

    public static Results<Ok<SavedSegment>, ProblemHttpResult> GetSaved(string id, SavedSegmentStore saved)
    {
        if (SegmentId.Check(id) is { } badId)
        {
            return badId;
        }

        return saved.Get(id) is { } segment ? TypedResults.Ok(segment) : SegmentProblems.NotFound(id);
    }

    public static async Task<Results<Created<SavedSegment>, Ok<SavedSegment>, ProblemHttpResult>> SaveAsync(
        string id, HttpRequest request, SavedSegmentStore saved, SpecLimits limits)
    {
        if (SegmentId.Check(id) is { } badId)
        {
            return badId;
        }

        var (body, problem) = await JsonBody.ReadAsync(request, limits.MaxBodyBytes, request.HttpContext.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            SavedSegment? segment = null;
            var created = saved.Save(id, current =>
            {
                var definition = SegmentSpecReader.ReadSavedDefinition(body, id, current, limits);
                using var document = JsonDocument.Parse(body);
                return segment = new SavedSegment(id, document.RootElement.GetProperty("where").Clone(), definition.Description);
            });
            return created ? TypedResults.Created($"/segments/{id}", segment) : TypedResults.Ok(segment);
        }
        catch (SegmentException e)
        {
            return SegmentProblems.Invalid(e.Errors);
        }
    }

    public static Results<NoContent, ProblemHttpResult> Delete(string id, SavedSegmentStore saved)
    {
        if (SegmentId.Check(id) is { } badId)
        {
            return badId;
        }

        var outcome = saved.Delete(id);
        if (!outcome.Found)
        {
            return SegmentProblems.NotFound(id);
        }

        return outcome.ReferencedBy.Count > 0 ? SegmentProblems.InUse(id, outcome.ReferencedBy) : TypedResults.NoContent();
    }
}
