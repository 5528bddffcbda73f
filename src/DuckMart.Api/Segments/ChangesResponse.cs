namespace DuckMart.Api.Segments;

/// <summary>The answer of POST /segments/changes, named as CONTRACT.md section 5 names it.</summary>
public sealed record ChangesResponse(DateTime From, DateTime To, long CountFrom, long CountTo, ChangedUsers Entered, ChangedUsers Left, long Stayed);

/// <summary>How many users moved one way, and the first of them (ascending, at most the request's limit).</summary>
public sealed record ChangedUsers(long Count, IReadOnlyList<long> UserIds);
