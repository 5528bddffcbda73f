namespace DuckMart.Segments;

/// <summary>
/// The JSON Schema (2020-12) of a POST /segments body, docs/segment-request.schema.json embedded in this
/// assembly. It describes the shape; <see cref="SegmentSpecReader"/> remains the judge (ordering, saved
/// segments, limits), so a body can pass the schema and still get a 400.
/// </summary>
public static class SegmentSchema
{
    public const string MediaType = "application/schema+json";

    private const string ResourceName = "DuckMart.Segments.segment-request.schema.json";

    private static readonly Lazy<string> Text = new(Load);

    public static string Json => Text.Value;

    private static string Load()
    {
        using var stream = typeof(SegmentSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from {typeof(SegmentSchema).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
