using DuckMart.Segments.Spec;

namespace DuckMart.Segments.Planning;

/// <summary>
/// A window resolved against asOf: events at or after <see cref="From"/> (when set) and strictly before
/// <see cref="Before"/>. <see cref="Before"/> is never later than asOf: events at or after asOf are never seen.
/// </summary>
internal readonly record struct EventSpan(DateTime? From, DateTime Before)
{
    public static EventSpan Resolve(EventWindow? window, EvaluationTime time)
    {
        var asOf = time.AsOfUtc;
        DateTime? from = null;
        var before = asOf;
        if (window?.Last is { } last)
        {
            from = asOf - last.ToTimeSpan();
        }

        if (window?.From?.Resolve(time) is { } start && (from is null || start > from))
        {
            from = start;
        }

        if (window?.To?.Resolve(time) is { } end && end < before)
        {
            before = end;
        }

        return new EventSpan(from, before);
    }
}
