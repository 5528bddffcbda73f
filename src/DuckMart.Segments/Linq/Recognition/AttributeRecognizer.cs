using System.Globalization;
using System.Linq.Expressions;
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
    public static Condition? Compare(MemberInfo member, string op, object? value, bool ignoreCase = false)
    {
        if (Field(member) is not var (field, kind))
        {
            return null;
        }

        if (ignoreCase)
        {
            // lower(x) = v with v already lower-case is the engine's ignoreCase eq; any other v never matches.
            // lower(x) is NULL exactly when x is (the null test the OData binder puts before contains(tolower(x), …)).
            if (value is null && kind == FieldKind.String)
            {
                return op switch
                {
                    "eq" => new AttributeCondition(field, "isNull"),
                    "neq" => new AttributeCondition(field, "isNotNull"),
                    _ => null,
                };
            }

            return kind == FieldKind.String && op is "eq" or "neq" && value is string s && IsLower(s)
                ? new AttributeCondition(field, op, Conditions.Json(s), IgnoreCase: true)
                : null;
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
    public static Condition? Text(MemberInfo member, string method, object? part, bool ignoreCase = false)
    {
        if (Field(member) is not (var field, FieldKind.String) || part is not string text || (ignoreCase && !IsLower(text)))
        {
            return null;
        }

        return method switch
        {
            nameof(string.Contains) => new AttributeCondition(field, "contains", Conditions.Json(text), ignoreCase),
            nameof(string.StartsWith) => new AttributeCondition(field, "startsWith", Conditions.Json(text), ignoreCase),
            nameof(string.EndsWith) => new AttributeCondition(field, "endsWith", Conditions.Json(text), ignoreCase),
            _ => null,
        };
    }

    /// <summary>
    /// OData's <c>Edm.Date</c> comparison, <c>x.Value.Year * 10000 + x.Value.Month * 100 + x.Value.Day</c>: the member x
    /// when <paramref name="node"/> is that number for a date attribute of the user.
    /// </summary>
    public static MemberExpression? DateNumber(Expression node, RecognizerContext context)
    {
        if (node is not BinaryExpression { NodeType: ExpressionType.Add, Left: BinaryExpression { NodeType: ExpressionType.Add } yearMonth, Right: var day }
            || yearMonth.Left is not BinaryExpression { NodeType: ExpressionType.Multiply, Left: var year, Right: ConstantExpression { Value: 10000 } }
            || yearMonth.Right is not BinaryExpression { NodeType: ExpressionType.Multiply, Left: var month, Right: ConstantExpression { Value: 100 } })
        {
            return null;
        }

        var member = Part(year, "Year");
        return member is not null && member.Expression == context.User && Field(member.Member) is (_, FieldKind.Date)
            && Same(Part(month, "Month"), member) && Same(Part(day, "Day"), member)
            ? member
            : null;

        static MemberExpression? Part(Expression e, string name) =>
            e is MemberExpression { Member.Name: var n, Expression: MemberExpression { Member.Name: "Value", Expression: MemberExpression date } } && n == name ? date : null;

        static bool Same(MemberExpression? a, MemberExpression b) => a is not null && a.Member == b.Member && a.Expression == b.Expression;
    }

    /// <summary>The date number compared: the same order as the dates, so <c>n op N</c> is <c>x op date(N)</c>.</summary>
    public static Condition? CompareDateNumber(MemberExpression member, string op, object? value)
    {
        if (value is not int n || Field(member.Member) is not var (field, _))
        {
            return null;
        }

        try
        {
            var date = new DateOnly(n / 10000, n / 100 % 100, n % 100);
            return new AttributeCondition(field, op, Conditions.Json(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static bool IsLower(string s) => string.Equals(s, s.ToLowerInvariant(), StringComparison.Ordinal);

    /// <summary><c>list.Contains(u.X)</c>: a non-empty list of values of the field's kind, none of them null.</summary>
    public static Condition? In(MemberInfo member, System.Collections.IEnumerable items, bool ignoreCase = false)
    {
        if (Field(member) is not var (field, kind) || (ignoreCase && kind != FieldKind.String))
        {
            return null;
        }

        var values = new List<object>();
        foreach (var item in items)
        {
            if (item is null || Json(kind, item) is not { } json || (ignoreCase && !IsLower((string)json)))
            {
                return null;
            }

            values.Add(json);
        }

        return values.Count == 0 ? null : new AttributeCondition(field, "in", Conditions.Json(values), ignoreCase);
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
