using System.Text.Json;
using System.Text.Json.Serialization;

namespace DuckMart.Segments;

/// <summary>
/// The one way the spec model is written to and read from JSON, shared by the reader, the API and the
/// LINQ surface so that a model written by one is read back the same by another.
/// </summary>
public static class SegmentJson
{
    /// <summary>Deeper than any spec the reader lets through (see SpecLimits.MaxDepth), so a valid spec always deserializes.</summary>
    public const int MaxDepth = 256;

    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            // Users write "type" wherever they like in an object, not only first.
            AllowOutOfOrderMetadataProperties = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Computed helpers such as CountMeasure.Range are not part of the spec and would throw on the wrong shape.
            IgnoreReadOnlyProperties = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            MaxDepth = MaxDepth,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
