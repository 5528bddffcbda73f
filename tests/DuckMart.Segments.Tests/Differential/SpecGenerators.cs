using System.Text.Json;
using CsCheck;
using DuckMart.Segments.Spec;

namespace DuckMart.Segments.Tests.Differential;

/// <summary>
/// CsCheck generators of valid specs: nested and/or/not over every attribute operator, every event measure and
/// window, sequences with within and absent, saved segment references, relative times and dates.
/// </summary>
public static class SpecGenerators
{
    public static readonly string[] SavedIds = ["californians", "active-buyers"];

    private static readonly string[] Durations = ["P1D", "P7D", "P30D", "P2W", "PT1H", "PT12H", "PT30M", "P1DT12H"];
    private static readonly string[] DayDurations = ["P0D", "P1D", "P7D", "P30D", "P2W", "P1W"];
    private static readonly string[] EventNameValues = ["LOGIN", "PURCHASE_MADE", "ADDED_TO_CART", "VIEW_PRODUCT", "added to cart", " view-product "];

    private static JsonElement J(object? value) => JsonSerializer.SerializeToElement(value);

    private static readonly Gen<string> StringValue = Gen.OneOf(DifferentialData.Strings.Where(s => s is not null).Select(s => s!).Append("%").Append("").Append("a").Append("A%").Append("n").ToArray());

    private static readonly Gen<string> DateText = Gen.OneOf(
        Gen.OneOf(DayDurations).Select(d => "-" + d),
        Gen.OneOf(DifferentialData.AsOfs).Select(Gen.Int[-3, 35], (a, d) => DateOnly.FromDateTime(a).AddDays(-d).ToString("yyyy-MM-dd")));

    /// <summary>An instant, a date (midnight in the zone) or a time relative to asOf.</summary>
    private static readonly Gen<string> TimeText = Gen.OneOf(
        Gen.OneOf(Durations).Select(d => "-" + d),
        DateText.Where(t => !t.StartsWith('-')),
        Gen.OneOf(DifferentialData.AsOfs).Select(Gen.Int[-2 * 86400, 35 * 86400], (a, s) => (a - TimeSpan.FromSeconds(s)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'")));

    public static readonly Gen<AttributeCondition> Attribute =
        Gen.OneOf(FieldCatalog.Fields.Keys.ToArray()).SelectMany(field =>
        {
            var kind = FieldCatalog.Fields[field];
            return Gen.OneOf(FieldCatalog.OperatorsFor(kind).ToArray()).SelectMany(op => AttributeValue(field, kind, op)
                .Select(Gen.Bool, (value, ignoreCase) => new AttributeCondition(field, op, value, kind == FieldKind.String && ignoreCase)));
        });

    private static Gen<JsonElement?> AttributeValue(string field, FieldKind kind, string op)
    {
        Gen<object> one = kind switch
        {
            FieldKind.String => StringValue.Select(s => (object)s),
            FieldKind.Integer when field == "userId" => Gen.Long[0, 82].Select(n => (object)n),
            FieldKind.Integer => Gen.OneOf(-1L, 0L, 17L, 25L, 30L, 34L, 35L, 150L, 151L).Select(n => (object)n),
            _ => DateText.Select(s => (object)s),
        };

        return op switch
        {
            "isNull" or "isNotNull" => Gen.Const((JsonElement?)null),
            "inLast" => Gen.OneOf(DayDurations).Select(d => (JsonElement?)J(d)),
            "in" or "notIn" => one.Array[1, 4].Select(a => (JsonElement?)J(a)),
            "between" when kind == FieldKind.Integer => Gen.Select(one, one, (a, b) => (JsonElement?)J(new[] { Math.Min((long)a, (long)b), Math.Max((long)a, (long)b) })),
            // Relative dates are ordered against each other; mixing them with absolute ones could be unordered, so pairs are of one kind.
            "between" => Gen.OneOf(
                Gen.Select(Gen.OneOf(DayDurations), Gen.OneOf(DayDurations), (a, b) => (JsonElement?)J(new[] { "-" + Longer(a, b), "-" + Shorter(a, b) })),
                Gen.Select(Gen.OneOf(DifferentialData.AsOfs), Gen.Int[0, 30], Gen.Int[0, 10], (a, back, span) =>
                    (JsonElement?)J(new[] { DateOnly.FromDateTime(a).AddDays(-back - span).ToString("yyyy-MM-dd"), DateOnly.FromDateTime(a).AddDays(-back).ToString("yyyy-MM-dd") }))),
            _ => one.Select(v => (JsonElement?)J(v)),
        };
    }

    private static string Longer(string a, string b) => IsoDuration.Parse(a).TotalDays >= IsoDuration.Parse(b).TotalDays ? a : b;

    private static string Shorter(string a, string b) => IsoDuration.Parse(a).TotalDays >= IsoDuration.Parse(b).TotalDays ? b : a;

    public static readonly Gen<EventWindow?> Window = Gen.Frequency(
        (2, Gen.Const((EventWindow?)null)),
        (3, Gen.OneOf(Durations).Select(d => (EventWindow?)new EventWindow(Last: IsoDuration.Parse(d)))),
        (2, Gen.Select(TimeText.Null(0.3), TimeText.Null(0.3), (from, to) => (EventWindow?)new EventWindow(
            From: from is null ? null : TimePoint.Parse(from), To: to is null ? null : TimePoint.Parse(to)))));

    private static readonly Gen<CountMeasure> CountMeasureGen = Gen.OneOf(
        Gen.Select(Gen.OneOf("eq", "neq", "gt", "gte", "lt", "lte"), Gen.Long[0, 4], (op, n) => new CountMeasure(op, J(n))),
        Gen.Select(Gen.Long[0, 3], Gen.Long[0, 3], (a, b) => new CountMeasure("between", J(new[] { Math.Min(a, b), Math.Max(a, b) }))));

    private static readonly Gen<TimeMeasure> TimeMeasureGen = Gen.OneOf(
        Gen.Select(Gen.OneOf("before", "after"), TimeText, (op, t) => new TimeMeasure(op, J(t))),
        Gen.Select(Gen.OneOf(Durations), Gen.OneOf(Durations), (a, b) =>
        {
            var (older, newer) = IsoDuration.Parse(a).ToTimeSpan() >= IsoDuration.Parse(b).ToTimeSpan() ? (a, b) : (b, a);
            return new TimeMeasure("between", J(new[] { "-" + older, "-" + newer }));
        }));

    public static readonly Gen<EventCondition> Event =
        Gen.Select(EventNameValues.Select(n => (string?)n).Append(null).ToArray() is var names ? Gen.OneOf(names) : throw new InvalidOperationException(), Window, Gen.Int[0, 5], CountMeasureGen, CountMeasureGen, TimeMeasureGen)
            .Select(t => t.Item3 switch
            {
                0 => new EventCondition(t.Item1, t.Item2),
                1 => new EventCondition(t.Item1, t.Item2, Count: t.Item4),
                2 => new EventCondition(t.Item1, t.Item2, DistinctDays: t.Item5),
                3 => new EventCondition(t.Item1, t.Item2, First: t.Item6),
                4 => new EventCondition(t.Item1, t.Item2, Last: t.Item6),
                _ => new EventCondition(t.Item1, t.Item2, Count: t.Item4),
            });

    private static readonly Gen<SequenceStep> StepGen =
        Gen.Select(Gen.OneOf(DifferentialData.EventNames), Gen.OneOf(Durations).Null(0.4), (name, within) =>
            new SequenceStep(name, within is null ? null : IsoDuration.Parse(within)));

    public static readonly Gen<SequenceCondition> Sequence =
        Gen.Select(StepGen.Array[1, 4], Gen.Bool, Window, Gen.OneOf(Durations), (steps, absent, window, within) =>
        {
            if (absent && steps.Length >= 2)
            {
                steps[^1] = steps[^1] with { Absent = true, Within = IsoDuration.Parse(within) };
            }

            return new SequenceCondition(steps, window);
        });

    private static readonly Gen<Condition> Leaf = Gen.Frequency(
        (5, Attribute.Select(a => (Condition)a)),
        (5, Event.Select(e => (Condition)e)),
        (3, Sequence.Select(s => (Condition)s)),
        (1, Gen.OneOf(SavedIds).Select(id => (Condition)new SegmentCondition(id))));

    public static Gen<Condition> Condition(int depth) => depth == 0
        ? Leaf
        : Gen.Frequency(
            (4, Leaf),
            (2, Condition(depth - 1).Array[1, 3].Select(a => (Condition)new AndCondition(a))),
            (2, Condition(depth - 1).Array[1, 3].Select(a => (Condition)new OrCondition(a))),
            (2, Condition(depth - 1).Select(c => (Condition)new NotCondition(c))));

    /// <summary>A spec with the moment and zone it is evaluated at.</summary>
    public static readonly Gen<(Condition Where, DateTime AsOf, string Zone)> Case =
        Gen.Select(Condition(3), Gen.OneOf(DifferentialData.AsOfs), Gen.OneOf(DifferentialData.Zones));

    /// <summary>The saved segments the generated references point at.</summary>
    public static Dictionary<string, Condition> Saved() => new()
    {
        ["californians"] = new AttributeCondition("location", "eq", J("california"), IgnoreCase: true),
        ["active-buyers"] = new AndCondition([
            new SegmentCondition("californians"),
            new EventCondition("PURCHASE_MADE", new EventWindow(Last: IsoDuration.Parse("P30D")), Count: new CountMeasure("gte", J(2))),
        ]),
    };
}
