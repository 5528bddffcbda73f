namespace DuckMart.Segments.Spec;

/// <summary>The users of the saved segment <see cref="Id"/>, evaluated with this request's asOf and timezone.</summary>
public sealed record SegmentCondition(string Id) : Condition;
