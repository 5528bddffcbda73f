using System.Text.Json;
using DuckMart.Data.ClickHouse;
using DuckMart.Segments.Spec;
using DuckMart.Segments.Validation;

namespace DuckMart.Segments.Rendering.ClickHouse;

/// <summary>
/// An attribute condition as a ClickHouse predicate over <c>users</c>, with the semantics of
/// <see cref="AttributePredicates"/>: a test of a non-NULL value plus whether a NULL matches, written as
/// <c>isNotNull(x) AND test</c> or <c>isNull(x) OR test</c>, negated as the exact complement.
/// <para>
/// The test reads <c>assumeNotNull(x)</c>: 18.16's <c>0 AND NULL</c> is NULL, not 0 (tried here), so a bare
/// Nullable comparison could leak a NULL into the logic; with the NULL case decided by the guard, the test never
/// sees one. Field names come from the allow-list below, never from the spec text.
/// </para>
/// </summary>
internal static class ClickHouseAttributeSql
{
    public static string For(AttributeCondition condition, EvaluationTime time, bool negated)
    {
        if (!FieldCatalog.TryGetKind(condition.Field, out var kind))
        {
            throw Unknown(condition);
        }

        var column = Column(condition.Field);
        var nullable = condition.Field != "userId";
        if (condition.Op is "isNull" or "isNotNull")
        {
            return (condition.Op == "isNull") != negated ? $"isNull({column})" : $"isNotNull({column})";
        }

        var value = condition.Value ?? default;
        var x = nullable ? $"assumeNotNull({column})" : column;
        Func<JsonElement, string> literal;
        switch (kind)
        {
            case FieldKind.String:
                if (condition.IgnoreCase)
                {
                    x = $"lowerUTF8({x})";
                }

                literal = e => ClickHouseLiteral.String(condition.IgnoreCase ? e.GetString()!.ToLowerInvariant() : e.GetString()!);
                break;
            case FieldKind.Integer:
                literal = e => ClickHouseLiteral.Int(e.GetInt64());
                break;
            case FieldKind.Date:
                // Day numbers, so that any date compares exactly (18.16's Date starts at 1970; a spec may say 1900).
                x = $"toInt32({x})";
                literal = e => ClickHouseLiteral.Int(ReadDate(e, time).DayNumber - EpochDay);
                break;
            default:
                throw new NotSupportedException(kind.ToString());
        }

        var (test, nullMatches) = (condition.Op, kind) switch
        {
            ("eq", _) => ($"{x} = {literal(value)}", false),
            ("neq", _) => ($"NOT ({x} = {literal(value)})", true),
            ("in", _) => (In(x, value, literal), false),
            ("notIn", _) => ($"NOT {In(x, value, literal)}", true),
            ("gt", not FieldKind.String) => ($"{x} > {literal(value)}", false),
            ("gte", not FieldKind.String) => ($"{x} >= {literal(value)}", false),
            ("lt", not FieldKind.String) => ($"{x} < {literal(value)}", false),
            ("lte", not FieldKind.String) => ($"{x} <= {literal(value)}", false),
            ("between", not FieldKind.String) => ($"({x} >= {literal(value[0])} AND {x} <= {literal(value[1])})", false),
            ("inLast", FieldKind.Date) => (InLast(x, value, time), false),
            // Byte-wise on UTF-8, which is exact for substring tests; no LIKE, so % and _ are plain characters.
            ("contains", FieldKind.String) => ($"position({x}, {literal(value)}) > 0", false),
            ("startsWith", FieldKind.String) => ($"startsWith({x}, {literal(value)})", false),
            ("endsWith", FieldKind.String) => ($"endsWith({x}, {literal(value)})", false),
            _ => throw Unknown(condition),
        };

        var applied = negated ? Not(test) : test;
        if (!nullable)
        {
            return applied;
        }

        return nullMatches != negated ? $"(isNull({column}) OR {applied})" : $"(isNotNull({column}) AND {applied})";
    }

    private static readonly int EpochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    // The allow-list: the only column names an attribute condition can produce.
    private static string Column(string field) => field switch
    {
        "userId" => "user_id",
        "name" => "name",
        "age" => "age",
        "gender" => "gender",
        "location" => "location",
        "signupDate" => "signup_date",
        "subscriptionPlan" => "subscription_plan",
        "deviceType" => "device_type",
        _ => throw new NotSupportedException(field),
    };

    /// <summary><c>x IN (v1, v2, …)</c>; ClickHouse builds a set from a literal list of any length. An empty list matches nothing.</summary>
    private static string In(string x, JsonElement value, Func<JsonElement, string> literal)
    {
        var items = (value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [value])
            .Where(e => e.ValueKind != JsonValueKind.Null)
            .Select(literal)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return items.Count == 0 ? "0" : $"{x} IN ({string.Join(", ", items)})";
    }

    /// <summary><c>date(asOf) - n &lt; x &lt;= date(asOf)</c>.</summary>
    private static string InLast(string x, JsonElement value, EvaluationTime time)
    {
        var days = IsoDuration.Parse(value.GetString()!).TotalDays;
        var today = time.AsOfDate.DayNumber - EpochDay;
        return $"({x} > {ClickHouseLiteral.Int(today - days)} AND {x} <= {ClickHouseLiteral.Int(today)})";
    }

    private static string Not(string test) => $"NOT ({test})";

    /// <summary>A date value as <see cref="AttributePredicates"/> reads it: <c>yyyy-MM-dd</c>, relative, or an instant's date in the zone.</summary>
    private static DateOnly ReadDate(JsonElement value, EvaluationTime time) => TimePoint.Parse(value.GetString()!) switch
    {
        TimePoint.Date d => d.Value,
        TimePoint.Relative r => time.AsOfDate.AddDays(-r.Ago.TotalDays),
        TimePoint.Instant i => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(i.Value.UtcDateTime, time.Zone)),
        _ => throw new NotSupportedException(),
    };

    private static SegmentException Unknown(AttributeCondition condition) =>
        new([new SpecError("", ErrorCodes.UnknownOperator, $"'{condition.Op}' does not apply to '{condition.Field}'.")]);
}
