namespace DuckMart.Segments.Spec;

/// <summary>The body of POST /segments (CONTRACT.md section 2).</summary>
public sealed record SegmentRequest(
    Condition Where,
    DateTimeOffset? AsOf = null,
    string? Timezone = null,
    int? Limit = null,
    string? Cursor = null,
    bool CountOnly = false,
    bool Explain = false);
