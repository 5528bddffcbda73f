namespace DuckMart.Api.Segments;

/// <summary>
/// What GET /segments/schema serves.
/// MERGE: PLACEHOLDER. The spec branch is adding the real JSON Schema to DuckMart.Segments (expected as
/// <c>SegmentSchema.Json</c>); when it lands, make <see cref="Json"/> return it and delete the text below.
/// Until then this is a coarse outline of CONTRACT.md section 3, enough for editors to offer the node types.
/// </summary>
public static class SegmentSchemaDocument
{
    public const string ContentType = "application/schema+json";

    public static string Json => Placeholder;

    private const string Placeholder = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$id": "https://duckmart.example/schemas/segment-request.json",
          "title": "DuckMart segment request (placeholder outline; see CONTRACT.md section 3)",
          "type": "object",
          "required": ["where"],
          "properties": {
            "where": { "$ref": "#/$defs/condition" },
            "asOf": { "type": "string", "format": "date-time" },
            "timezone": { "type": "string" },
            "limit": { "type": "integer", "minimum": 1 },
            "cursor": { "type": ["string", "null"] },
            "countOnly": { "type": "boolean" },
            "explain": { "type": "boolean" }
          },
          "$defs": {
            "condition": {
              "type": "object",
              "required": ["type"],
              "properties": {
                "type": { "enum": ["and", "or", "not", "attribute", "event", "sequence", "segment"] }
              }
            }
          }
        }
        """;
}
