using System.Globalization;
using System.Reflection;
using DuckMart.Segments.Spec;

namespace DuckMart.Segments.Linq.Recognition;

/// <summary>
/// Comparisons of one user property with a value, read as an <see cref="AttributeCondition"/>. The property must be
/// in <see cref="FieldCatalog"/> and the value of the field's own kind (an integer for age, a DateOnly for
/// signupDate); <c>u.Age &gt; 3.5</c> compares as a double in C#, so it is left to linq2db.
/// </summary>
internal static class AttributeRecognizer
{
    public static Condition? Compare(MemberInfo member, string op, object? value)
    {
        if (Field(member) is not var (field, kind))
        {
            return null;
        }

        if (value is null)
        {
            // C#'s u.X == null is isNull; any ordering against null is false in C# and is not a spec operator.
            return op switch
            {
                "eq" => new AttributeCondition(field, "isNull"),
                "neq" => new AttributeCondition(field, "isNotNull"),
                _ => null,
            };
        }

        if (kind == FieldKind.String && op is not ("eq" or "neq"))
        {
            return null;
        }

        return Json(kind, value) is { } json ? new AttributeCondition(field, op, Conditions.Json(json)) : null;
    }

    /// <summary><c>u.Name.Contains("a")</c>, <c>StartsWith</c>, <c>EndsWith</c> with a string, case-sensitive as in C#.</summary>
    public static Condition? Text(MemberInfo member, string method, object? part)
    {
        if (Field(member) is not (var field, FieldKind.String) || part is not string text)
        {
            return null;
        }

        return method switch
        {
            nameof(string.Contains) => new AttributeCondition(field, "contains", Conditions.Json(text)),
            nameof(string.StartsWith) => new AttributeCondition(field, "startsWith", Conditions.Json(text)),
            nameof(string.EndsWith) => new AttributeCondition(field, "endsWith", Conditions.Json(text)),
            _ => null,
        };
    }

    /// <summary><c>list.Contains(u.X)</c>: a non-empty list of values of the field's kind, none of them null.</summary>
    public static Condition? In(MemberInfo member, System.Collections.IEnumerable items)
    {
        if (Field(member) is not var (field, kind))
        {
            return null;
        }

        var values = new List<object>();
        foreach (var item in items)
        {
            if (item is null || Json(kind, item) is not { } json)
            {
                return null;
            }

            values.Add(json);
        }

        return values.Count == 0 ? null : new AttributeCondition(field, "in", Conditions.Json(values));
    }

    private static (string Field, FieldKind Kind)? Field(MemberInfo member) =>
        member.DeclaringType == typeof(Domain.User) && ConditionRecognizer.CamelCase(member) is { } field && FieldCatalog.TryGetKind(field, out var kind)
            ? (field, kind)
            : null;

    // The value as the JSON spec writes it, or null when it is not of the field's kind.
    private static object? Json(FieldKind kind, object value) => (kind, value) switch
    {
        (FieldKind.Integer, int i) => (long)i,
        (FieldKind.Integer, long l) => l,
        (FieldKind.Integer, short s) => (long)s,
        (FieldKind.String, string s) => s,
        (FieldKind.Date, DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => null,
    };
}
