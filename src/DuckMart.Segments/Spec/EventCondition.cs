namespace DuckMart.Segments.Spec;

/// <summary>
/// What a user did: events named <see cref="Name"/> (any event when null) in <see cref="Window"/>, measured
/// by at most one of count, distinctDays, first, last. No measure means count >= 1.
/// </summary>
public sealed record EventCondition(
    string? Name = null,
    EventWindow? Window = null,
    CountMeasure? Count = null,
    CountMeasure? DistinctDays = null,
    TimeMeasure? First = null,
    TimeMeasure? Last = null) : Condition;
