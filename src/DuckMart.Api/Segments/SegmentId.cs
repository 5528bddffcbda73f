using System.Text.RegularExpressions;
using DuckMart.Segments.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DuckMart.Api.Segments;

/// <summary>The name of a saved segment: <c>[a-z0-9][a-z0-9_-]{0,63}</c>, safe in a URL path and a file.</summary>
public static partial class SegmentId
{
    /// <summary>Ids that name a fixed resource under /segments (GET /segments/schema) and so cannot name a segment.</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.Ordinal) { "schema" };

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    /// <summary>A 400 problem for an id that cannot name a saved segment, or null.</summary>
    public static ProblemHttpResult? Check(string id)
    {
        if (!IsValid(id))
        {
            return SegmentProblems.Invalid("/id", ErrorCodes.InvalidSegmentId, "A segment id is 1 to 64 characters: lower-case letters, digits, '_' and '-', starting with a letter or digit.");
        }

        return Reserved.Contains(id)
            ? SegmentProblems.Invalid("/id", ErrorCodes.Http.ReservedSegmentId, $"'{id}' is reserved: GET /segments/{id} serves something else.")
            : null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
