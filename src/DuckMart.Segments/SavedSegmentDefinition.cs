using DuckMart.Segments.Spec;

namespace DuckMart.Segments;

/// <summary>The body of PUT /segments/{id}: a condition and words about it.</summary>
public sealed record SavedSegmentDefinition(Condition Where, string? Description = null);
