using System.Globalization;
using System.Text.Json;
using DuckMart.Segments.Spec;

namespace DuckMart.Segments.Tests.Differential;

/// <summary>
/// A spec written as an OData <c>$filter</c> over /odata/Users, the way docs/odata.md ("Segment conditions as
/// <c>$filter</c>") tells a client to write it: asOf and the zone applied, every window bound an instant, first/last as
/// <c>any</c> and <c>not any</c>. Null for what <c>$filter</c> cannot say (distinctDays, sequences, saved segments).
/// </summary>
public static class FilterSpecWriter
{
    public static string? Write(Condition condition, EvaluationTime time) => condition switch
    {
        AndCondition a => Join(a.Of.Select(c => Write(c, time)).ToList(), "and"),
        OrCondition o => Join(o.Of.Select(c => Write(c, time)).ToList(), "or"),
        NotCondition n => Write(n.Of, time) is { } inner ? $"not ({inner})" : null,
        AttributeCondition a => Attribute(a, time),
        EventCondition e => Event(e, time),
        _ => null,
    };

    private static string? Join(List<string?> parts, string op) =>
        parts.Any(p => p is null) ? null : "(" + string.Join($" {op} ", parts) + ")";

    private static string Attribute(AttributeCondition c, EvaluationTime time)
    {
        var kind = FieldCatalog.Fields[c.Field];
        var x = c.IgnoreCase ? $"tolower({c.Field})" : c.Field;
        switch (c.Op)
        {
            case "isNull":
                return $"{c.Field} eq null";
            case "isNotNull":
                return $"{c.Field} ne null";
        }

        var v = c.Value!.Value;
        string L(JsonElement e) => kind switch
        {
            FieldKind.String => Quote(c.IgnoreCase ? e.GetString()!.ToLowerInvariant() : e.GetString()!),
            FieldKind.Integer => e.GetInt64().ToString(CultureInfo.InvariantCulture),
            _ => Date(e.GetString()!, time),
        };

        return c.Op switch
        {
            "eq" => $"{x} eq {L(v)}",
            "neq" => $"{x} ne {L(v)}",
            "gt" => $"{x} gt {L(v)}",
            "gte" => $"{x} ge {L(v)}",
            "lt" => $"{x} lt {L(v)}",
            "lte" => $"{x} le {L(v)}",
            "between" => $"({x} ge {L(v[0])} and {x} le {L(v[1])})",
            "in" => $"{x} in ({string.Join(",", v.EnumerateArray().Select(L))})",
            "notIn" => $"not ({x} in ({string.Join(",", v.EnumerateArray().Select(L))}))",
            "contains" => $"contains({x},{L(v)})",
            "startsWith" => $"startswith({x},{L(v)})",
            "endsWith" => $"endswith({x},{L(v)})",
            "inLast" => $"({x} gt {Day(time.AsOfDate.AddDays(-IsoDuration.Parse(v.GetString()!).TotalDays))} and {x} le {Day(time.AsOfDate)})",
            _ => throw new NotSupportedException(c.Op),
        };
    }

    private static string? Event(EventCondition c, EvaluationTime time)
    {
        if (c.DistinctDays is not null)
        {
            return null;
        }

        var (from, to) = EventWindowBounds.Of(c.Window, time);
        var tests = new List<string>();
        if (c.Name is { } name)
        {
            tests.Add($"eventName eq {Quote(Domain.EventNames.Normalize(name))}");
        }

        if (from is { } f)
        {
            tests.Add($"timestamp ge {Instant(f)}");
        }

        tests.Add($"timestamp lt {Instant(to)}");
        string Lambda(params string[] more) => $"events/any(e: {string.Join(" and ", tests.Concat(more).Select(t => "e/" + t))})";

        if (c.Count is { } count)
        {
            var n = $"events/$count($filter={string.Join(" and ", tests)})";
            return count.Op == "between"
                ? $"({n} ge {count.Value[0].GetInt64()} and {n} le {count.Value[1].GetInt64()})"
                : $"{n} {ODataOp(count.Op)} {count.Value.GetInt64()}";
        }

        string At(JsonElement v) => Instant(TimePoint.Parse(v.GetString()!).Resolve(time));
        if (c.First is { } first)
        {
            return first.Op switch
            {
                "before" => Lambda($"timestamp lt {At(first.Value)}"),
                "after" => $"({Lambda()} and not {Lambda($"timestamp lt {At(first.Value)}")})",
                _ => $"({Lambda($"timestamp ge {At(first.Value[0])}", $"timestamp lt {At(first.Value[1])}")} and not {Lambda($"timestamp lt {At(first.Value[0])}")})",
            };
        }

        if (c.Last is { } last)
        {
            return last.Op switch
            {
                "before" => $"({Lambda()} and not {Lambda($"timestamp ge {At(last.Value)}")})",
                "after" => Lambda($"timestamp ge {At(last.Value)}"),
                _ => $"({Lambda($"timestamp ge {At(last.Value[0])}")} and not {Lambda($"timestamp ge {At(last.Value[1])}")})",
            };
        }

        return Lambda();
    }

    private static string ODataOp(string op) => op switch
    {
        "neq" => "ne",
        "gte" => "ge",
        "lte" => "le",
        _ => op,
    };

    private static string Quote(string s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Date(string text, EvaluationTime time) =>
        text.StartsWith('-') ? Day(time.AsOfDate.AddDays(-IsoDuration.Parse(text[1..]).TotalDays)) : text;

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Instant(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
