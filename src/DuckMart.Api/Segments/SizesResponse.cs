namespace DuckMart.Api.Segments;

/// <summary>The answer of POST /segments/sizes, named as CONTRACT.md section 5 names it.</summary>
public sealed record SizesResponse(IReadOnlyList<SizeAt> Points);

/// <summary>The segment's size at one asOf of the series.</summary>
public sealed record SizeAt(DateTime AsOf, long Count);
