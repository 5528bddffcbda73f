using DuckMart.Segments.Spec;

namespace DuckMart.Api.Segments;

/// <summary>The body of PUT /segments/{id}, for the OpenAPI document (the spec reader does the reading).</summary>
public sealed record SavedSegmentBody(Condition Where, string? Description);
