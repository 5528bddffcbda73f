namespace DuckMart.Api.Dataset;

/// <summary>
/// The words a segment can use, read from the loaded data (GET /dataset/vocabulary): event names and the values
/// of the attributes people pick from a list, each with how many events or users have it, most common first, and
/// the ranges of the ordered attributes. The builder suggests from it; <see cref="SegmentWarnings"/> checks against it.
/// </summary>
public sealed record DataVocabulary(
    DatasetSummary Dataset,
    ValueList Events,
    IReadOnlyDictionary<string, ValueList> Values,
    IReadOnlyDictionary<string, ValueRange> Ranges)
{
    /// <summary>The attributes whose values are listed: few distinct values, chosen rather than typed freely.</summary>
    public static readonly IReadOnlyList<(string Field, string Column)> ListedFields =
    [
        ("location", "location"),
        ("subscriptionPlan", "subscription_plan"),
        ("deviceType", "device_type"),
        ("gender", "gender"),
    ];

    /// <summary>More distinct values than this and the list is cut (<see cref="ValueList.Complete"/> false): no warnings from it.</summary>
    public const int MaxValues = 1000;
}

/// <summary>Values with their counts, most common first; <see cref="Complete"/> false when cut at <see cref="DataVocabulary.MaxValues"/>.</summary>
public sealed record ValueList(IReadOnlyList<ValueCount> Items, bool Complete);

public sealed record ValueCount(string Value, long Count);

/// <summary>The smallest and largest value of an ordered attribute (null when every user's is NULL).</summary>
public sealed record ValueRange(object? Min, object? Max);
