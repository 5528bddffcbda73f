using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace DuckMart.Api.Segments;

/// <summary>
/// What the generated OpenAPI document cannot infer from the handlers: the CSV form of the 200 answer
/// (one status, two media types) and the brief's two segments as ready-to-send request examples.
/// </summary>
public static class SegmentsOpenApi
{
    /// <summary>
    /// The refusals every endpoint that reads a JSON body shares (ValidatedBody / JsonBody): a bad body (400),
    /// one over the size limit (413), one that is not application/json (415).
    /// </summary>
    public static RouteHandlerBuilder ProducesJsonBodyProblems(this RouteHandlerBuilder builder) =>
        builder.ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>The refusals of an endpoint addressed by a saved segment's id: a malformed id or parameter (400), an unknown id (404).</summary>
    public static RouteHandlerBuilder ProducesSavedSegmentProblems(this RouteHandlerBuilder builder) =>
        builder.ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>An endpoint whose query runs under the one <c>QueryDeadline</c>: 503 once it passes.</summary>
    public static RouteHandlerBuilder ProducesQueryTimeout(this RouteHandlerBuilder builder) =>
        builder.ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    public static RouteHandlerBuilder WithCsvAlternative(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content is not null)
            {
                ok.Content[UserIdsCsvResult.ContentType] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Every matching user ID, one a line, under the header user_id." },
                    Example = JsonValue.Create("user_id\n3\n17\n42\n"),
                };
            }

            return Task.CompletedTask;
        });

    public static RouteHandlerBuilder WithRequestExamples(this RouteHandlerBuilder builder, params (string Name, string Json)[] examples) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.RequestBody?.Content?.TryGetValue("application/json", out var json) == true)
            {
                json.Examples ??= new Dictionary<string, IOpenApiExample>();
                foreach (var (name, body) in examples)
                {
                    json.Examples[name] = new OpenApiExample { Summary = name, Value = JsonNode.Parse(body) };
                }
            }

            return Task.CompletedTask;
        });

    public const string AgeBandExample = """{ "where": { "type": "attribute", "field": "age", "op": "between", "value": [25, 34] } }""";

    public const string CaliforniaLoginExample = """
        { "where": { "type": "and", "of": [
            { "type": "attribute", "field": "location", "op": "eq", "value": "California" },
            { "type": "event", "name": "LOGIN" } ] },
          "limit": 100 }
        """;

    public const string SavedExample = """{ "where": { "type": "event", "name": "PURCHASE_MADE", "count": { "op": "gte", "value": 3 }, "window": { "last": "P30D" } }, "description": "Bought at least 3 times in 30 days" }""";

    public const string ChangesExample = """
        { "where": { "type": "event", "name": "LOGIN", "count": { "op": "eq", "value": 0 }, "window": { "last": "P14D" } },
          "from": "2025-12-10T00:00:00Z", "to": "2025-12-31T00:00:00Z", "limit": 100 }
        """;

    public const string SizesExample = """
        { "where": { "type": "event", "name": "LOGIN", "count": { "op": "eq", "value": 0 }, "window": { "last": "P14D" } },
          "from": "2025-12-10T00:00:00Z", "to": "2025-12-31T00:00:00Z", "every": "P1W" }
        """;
}
