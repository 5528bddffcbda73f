namespace DuckMart.Segments.Linq.Recognition;

/// <summary>
/// Which of a user's events a predicate over <c>u.Events</c> keeps, in the model's terms: one name (or any) and a
/// half-open time range [From, To), as <see cref="Spec.EventCondition"/> and its window say it.
/// </summary>
internal sealed record EventFilter(string? Name = null, DateTime? From = null, DateTime? To = null)
{
    public static readonly EventFilter All = new();

    /// <summary>Both filters at once; null when they name two different events (no model for that).</summary>
    public EventFilter? And(EventFilter other)
    {
        if (Name is not null && other.Name is not null && Name != other.Name)
        {
            return null;
        }

        return new EventFilter(
            Name ?? other.Name,
            Later(From, other.From),
            Earlier(To, other.To));
    }

    private static DateTime? Later(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static DateTime? Earlier(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a < b ? a : b;
}
