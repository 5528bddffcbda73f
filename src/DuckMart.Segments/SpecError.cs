namespace DuckMart.Segments;

/// <summary>One thing wrong with a spec: where (a JSON Pointer into the request body), a stable snake_case code, and words for people.</summary>
public sealed record SpecError(string Pointer, string Code, string Message);
