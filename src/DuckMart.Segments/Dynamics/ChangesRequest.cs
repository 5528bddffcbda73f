using DuckMart.Segments.Spec;

namespace DuckMart.Segments.Dynamics;

/// <summary>A POST /segments/changes body once read and validated (CONTRACT.md section 5).</summary>
public sealed record ChangesRequest(Condition Where, DateTimeOffset From, DateTimeOffset To, TimeZoneInfo Zone, int Limit)
{
    /// <summary>How many IDs each of <c>entered</c> and <c>left</c> lists when the request does not say.</summary>
    public const int DefaultLimit = 1000;
}
