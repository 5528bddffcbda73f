using System.Linq.Expressions;

namespace DuckMart.Segments.Rendering;

/// <summary>
/// A zone's UTC offsets over a span of time, as a SQL <c>CASE</c> over the instants where the offset changes.
/// <para>
/// Why: DuckDB's ICU <c>timezone()</c> costs about 4 µs an event row here, which made <c>distinctDays</c> in a
/// non-UTC zone 3-4x slower than in UTC. Within a 30-day window a zone has at most a couple of offset changes, so
/// <c>CAST(ts + offset(ts) AS DATE)</c> with the offsets and change instants as parameters is plain arithmetic.
/// The offsets come from .NET's zone data (the same as <see cref="Spec.EvaluationTime"/> uses for dates).
/// </para>
/// </summary>
internal static class ZoneOffsets
{
    /// <summary>More changes than this (a window of decades) and the ICU function is used instead.</summary>
    public const int MaxChanges = 16;

    /// <summary>
    /// The offset in microseconds for an instant in [<paramref name="from"/>, <paramref name="before"/>), as a
    /// nested conditional linq2db renders as CASE; null when the span has more than <see cref="MaxChanges"/> changes.
    /// </summary>
    public static Expression<Func<DateTime, long>>? Over(TimeZoneInfo zone, DateTime from, DateTime before)
    {
        var changes = Changes(zone, from, before);
        if (changes is null)
        {
            return null;
        }

        var ts = Expression.Parameter(typeof(DateTime), "ts");
        Expression body = Offset(Micros(zone.GetUtcOffset(changes.Count == 0 ? from : changes[^1])));
        for (var i = changes.Count - 1; i >= 0; i--)
        {
            var earlier = Micros(zone.GetUtcOffset(i == 0 ? from : changes[i - 1]));
            body = Expression.Condition(Predicates.Inline(Before(changes[i]), ts), Offset(earlier), body);
        }

        return Expression.Lambda<Func<DateTime, long>>(body, ts);
    }

    /// <summary>The instants in (from, before) at which the zone's offset changes, or null if there are too many.</summary>
    private static List<DateTime>? Changes(TimeZoneInfo zone, DateTime from, DateTime before)
    {
        var changes = new List<DateTime>();
        var step = TimeSpan.FromDays(1);
        var t = from;
        while (t < before)
        {
            var next = t + step < before ? t + step : before;
            if (zone.GetUtcOffset(next) != zone.GetUtcOffset(t))
            {
                // Bisect down to a quarter of an hour, then walk whole minutes to the first with the new offset.
                var low = t;
                var high = next;
                while (high - low > TimeSpan.FromMinutes(15))
                {
                    var mid = low + TimeSpan.FromTicks((high - low).Ticks / 2);
                    if (zone.GetUtcOffset(mid) == zone.GetUtcOffset(t))
                    {
                        low = mid;
                    }
                    else
                    {
                        high = mid;
                    }
                }

                var minute = new DateTime(low.Ticks - (low.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc).AddMinutes(1);
                while (minute < high && zone.GetUtcOffset(minute) == zone.GetUtcOffset(t))
                {
                    minute = minute.AddMinutes(1);
                }

                high = minute < high ? minute : high;
                changes.Add(high);
                if (changes.Count > MaxChanges)
                {
                    return null;
                }
            }

            t = next;
        }

        return changes;
    }

    // Closures, so the instants and offsets are SQL parameters.
    private static Expression<Func<DateTime, bool>> Before(DateTime change) => ts => ts < change;

    private static Expression Offset(long offset) => ((Expression<Func<long>>)(() => offset)).Body;

    private static long Micros(TimeSpan offset) => offset.Ticks / 10;
}
