using System.Text.Json;
using DuckMart.Segments.Spec;

namespace DuckMart.Segments.Tests;

/// <summary>Terse builders for spec models in tests (the JSON reader is tested elsewhere).</summary>
public static class SpecBuilder
{
    public static JsonElement J(object? value) => JsonSerializer.SerializeToElement(value);

    public static AttributeCondition Attr(string field, string op, object? value = null, bool ignoreCase = false) =>
        new(field, op, value is null ? null : J(value), ignoreCase);

    public static CountMeasure Count(string op, object value) => new(op, J(value));

    public static TimeMeasure Time(string op, object value) => new(op, J(value));

    public static EventWindow Last(string duration) => new(Last: IsoDuration.Parse(duration));

    public static EventWindow Between(string? from, string? to) =>
        new(From: from is null ? null : TimePoint.Parse(from), To: to is null ? null : TimePoint.Parse(to));

    public static SequenceStep Step(string name, string? within = null, bool absent = false) =>
        new(name, within is null ? null : IsoDuration.Parse(within), absent);

    public static EvaluationTime At(string asOf, string zone = "UTC")
    {
        EvaluationTime.TryFindZone(zone, out var tz).Should().BeTrue(zone);
        return new EvaluationTime(DateTimeOffset.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture), tz);
    }
}
