using System.Text.Json;
using DuckMart.Segments.Spec;

namespace DuckMart.Segments.Linq;

/// <summary>
/// The typed builder: the same model the JSON spec reads into, one obvious entry point per condition type.
/// <c>Conditions.Attribute("location").Eq("California")</c> is <c>{ "type": "attribute", "field": "location", "op": "eq", "value": "California" }</c>.
/// (Not static methods on <see cref="Condition"/>: that record is the JSON model, shared with the reader.)
/// </summary>
public static class Conditions
{
    public static AttributeBuilder Attribute(string field) =>
        FieldCatalog.TryGetKind(field, out _)
            ? new AttributeBuilder(field)
            : throw new ArgumentException($"'{field}' is not a user attribute; one of {string.Join(", ", FieldCatalog.Fields.Keys)}.", nameof(field));

    /// <summary>Did <paramref name="name"/> at least once (refine with InLast, AtLeast, Never, …); no name: any event.</summary>
    public static EventCondition Event(string? name = null) => new(name is null ? null : Domain.EventNames.Normalize(name));

    public static SequenceCondition Sequence(params SequenceStep[] steps) => new(steps);

    public static SequenceCondition Sequence(string window, params SequenceStep[] steps) => new(steps, new EventWindow(Last: IsoDuration.Parse(window)));

    /// <summary>A step of a sequence, at most <paramref name="within"/> after the one before.</summary>
    public static SequenceStep Step(string name, string? within = null) => new(Domain.EventNames.Normalize(name), within is null ? null : IsoDuration.Parse(within));

    /// <summary>A last step that must not follow within <paramref name="within"/>.</summary>
    public static SequenceStep Absent(string name, string within) => new(Domain.EventNames.Normalize(name), IsoDuration.Parse(within), Absent: true);

    public static SegmentCondition Saved(string id) => new(id);

    public static Condition All(params Condition[] conditions) => new AndCondition(conditions);

    public static Condition Any(params Condition[] conditions) => new OrCondition(conditions);

    internal static JsonElement Json<T>(T value) => JsonSerializer.SerializeToElement(value);
}

/// <summary>The operators on one attribute, each producing an <see cref="AttributeCondition"/>.</summary>
public sealed class AttributeBuilder(string field)
{
    public AttributeCondition Eq(object value, bool ignoreCase = false) => Make("eq", value, ignoreCase);

    public AttributeCondition Neq(object value, bool ignoreCase = false) => Make("neq", value, ignoreCase);

    public AttributeCondition In(params object[] values) => Make("in", values, false);

    public AttributeCondition InIgnoreCase(params string[] values) => Make("in", values, true);

    public AttributeCondition NotIn(params object[] values) => Make("notIn", values, false);

    public AttributeCondition Gt(object value) => Make("gt", value, false);

    public AttributeCondition Gte(object value) => Make("gte", value, false);

    public AttributeCondition Lt(object value) => Make("lt", value, false);

    public AttributeCondition Lte(object value) => Make("lte", value, false);

    /// <summary>Inclusive at both ends.</summary>
    public AttributeCondition Between(object low, object high) => Make("between", new[] { low, high }, false);

    public AttributeCondition Contains(string value, bool ignoreCase = false) => Make("contains", value, ignoreCase);

    public AttributeCondition StartsWith(string value, bool ignoreCase = false) => Make("startsWith", value, ignoreCase);

    public AttributeCondition EndsWith(string value, bool ignoreCase = false) => Make("endsWith", value, ignoreCase);

    public AttributeCondition IsNull() => new(field, "isNull");

    public AttributeCondition IsNotNull() => new(field, "isNotNull");

    /// <summary>A date within the last <paramref name="duration"/> (PnD or PnW) up to the date of asOf.</summary>
    public AttributeCondition InLast(string duration) => Make("inLast", duration, false);

    private AttributeCondition Make(string op, object value, bool ignoreCase) =>
        new(field, op, JsonSerializer.SerializeToElement(Normalize(value)), ignoreCase);

    // Dates are written as the spec writes them, yyyy-MM-dd, so the model equals what the JSON reader makes.
    private static object Normalize(object value) => value switch
    {
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        object[] list => list.Select(Normalize).ToArray(),
        _ => value,
    };
}
