using DuckMart.Segments.Spec;

namespace DuckMart.Segments.Dynamics;

/// <summary>The instants of a size series: <c>from</c>, <c>from + every</c>, … up to and including <c>to</c>.</summary>
public static class SizePoints
{
    public const string EveryMessage = "every must be a positive ISO 8601 duration such as PT1H, P1D or P1W (no months or years).";

    /// <summary>A series' step: a duration of at least one second (so that 400 points always span something).</summary>
    public static IsoDuration? ParseEvery(string? text) =>
        IsoDuration.TryParse(text, out var every) && every.ToTimeSpan() >= TimeSpan.FromSeconds(1) ? every : null;

    /// <summary>How many points the series has, without listing them (so a hostile request costs nothing to refuse).</summary>
    public static long Count(DateTimeOffset from, DateTimeOffset to, TimeSpan every) =>
        to < from || every <= TimeSpan.Zero ? 0 : ((to - from).Ticks / every.Ticks) + 1;

    public static IReadOnlyList<DateTimeOffset> Between(DateTimeOffset from, DateTimeOffset to, TimeSpan every)
    {
        var count = Count(from, to, every);
        if (count > SizesRequest.MaxPoints)
        {
            throw new ArgumentOutOfRangeException(nameof(every), $"{count} points is more than {SizesRequest.MaxPoints}.");
        }

        var points = new List<DateTimeOffset>((int)count);
        for (var i = 0; i < count; i++)
        {
            points.Add(from + (every * i));
        }

        return points;
    }
}
