using Json.Schema;

namespace DuckMart.Segments.Tests.Spec;

/// <summary>
/// The served schema built once: building it registers its $id in JsonSchema.Net's global registry, which refuses
/// a second, different build of the same $id, so every test that needs the schema or one of its $defs shares this one.
/// </summary>
internal static class ServedSchema
{
    public static readonly JsonSchema Root = JsonSchema.FromText(SegmentSchema.Json);

    /// <summary>A schema that is one of the served schema's $defs, resolved through the registered root.</summary>
    public static JsonSchema Def(string name)
    {
        _ = Root;
        return JsonSchema.FromText($$"""
            { "$schema": "https://json-schema.org/draft/2020-12/schema", "$ref": "urn:duckmart:segments:segment-request#/$defs/{{name}}" }
            """);
    }
}
