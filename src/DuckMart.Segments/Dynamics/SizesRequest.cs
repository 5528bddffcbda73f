using DuckMart.Segments.Spec;

namespace DuckMart.Segments.Dynamics;

/// <summary>A POST /segments/sizes body once read and validated (CONTRACT.md section 5).</summary>
public sealed record SizesRequest(Condition Where, DateTimeOffset From, DateTimeOffset To, IsoDuration Every, TimeZoneInfo Zone)
{
    /// <summary>The contract's cap on points; more is a 400 <c>too_many_points</c>.</summary>
    public const int MaxPoints = 400;

    /// <summary>The instants <c>from</c>, <c>from + every</c>, … up to and including <c>to</c>.</summary>
    public IReadOnlyList<DateTimeOffset> Points => SizePoints.Between(From, To, Every.ToTimeSpan());
}
