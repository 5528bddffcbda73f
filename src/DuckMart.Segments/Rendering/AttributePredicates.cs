using System.Linq.Expressions;
using System.Text.Json;
using DuckMart.Domain;
using DuckMart.Segments.Spec;
using DuckMart.Segments.Validation;
using LinqToDB;

namespace DuckMart.Segments.Rendering;

/// <summary>
/// Attribute conditions. The field name is looked up in an allow-list of member lambdas (never turned into
/// a member access by name). Each operator is a test of a non-NULL value plus whether a NULL matches
/// (CONTRACT.md: only neq, notIn and isNull do). The predicate is <c>x IS NOT NULL AND test</c> or
/// <c>x IS NULL OR test</c>; negated (a <c>not</c> above it), it is the exact complement, written out here
/// rather than left to a SQL NOT (see <see cref="Planning.SegmentPlanner"/>).
/// </summary>
internal static class AttributePredicates
{
    public static Expression<Func<User, bool>> For(AttributeCondition condition, EvaluationTime time, bool negated, IDataContext db)
    {
        if (!FieldCatalog.TryGetKind(condition.Field, out var kind))
        {
            throw new SegmentException([new SpecError("", ErrorCodes.UnknownField, $"There is no user attribute '{condition.Field}'.")]);
        }

        return kind switch
        {
            FieldKind.String => Build(StringMember(condition.Field, condition.IgnoreCase), condition, StringComparisons, e => ReadString(e, condition.IgnoreCase), negated,
                values => ValueList.Contains(db, values.OfType<string>())),
            FieldKind.Integer => Build(IntegerMember(condition.Field), condition, IntegerComparisons, e => (long?)e.GetInt64(), negated,
                values => ValueList.Contains(db, values.OfType<long>())),
            FieldKind.Date when condition.Op == "inLast" => Guarded(DateMember(condition.Field), InLast(condition.Value ?? default, time), nullMatches: false, negated),
            FieldKind.Date => Build(DateMember(condition.Field), condition, DateComparisons, e => (DateOnly?)ReadDate(e, time), negated),
            _ => throw new NotSupportedException(kind.ToString()),
        };
    }

    // The allow-list (FieldCatalog.Descriptors): the only member accesses an attribute condition can produce.
    private static (Expression<Func<User, string?>> Member, Expression<Func<User, string?>> Compared) StringMember(string field, bool ignoreCase)
    {
        var member = FieldCatalog.Member<string?>(field);

        // ignoreCase lowers the column in SQL and the value in .NET, so the value is still a plain parameter
        // and the LIKE patterns linq2db builds from it keep their escaping of % and _.
        var compared = ignoreCase
            ? Expression.Lambda<Func<User, string?>>(Expression.Call(member.Body, typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!), member.Parameters)
            : member;
        return (member, compared);
    }

    private static (Expression<Func<User, long?>> Member, Expression<Func<User, long?>> Compared) IntegerMember(string field)
    {
        var member = FieldCatalog.Member<long?>(field);
        return (member, member);
    }

    private static (Expression<Func<User, DateOnly?>> Member, Expression<Func<User, DateOnly?>> Compared) DateMember(string field)
    {
        var member = FieldCatalog.Member<DateOnly?>(field);
        return (member, member);
    }

    /// <summary>The comparisons one kind of field supports; each closes over its value, so the value is a parameter.</summary>
    private sealed record Comparisons<T>(
        Func<T, Expression<Func<T, bool>>> Eq,
        Func<T, Expression<Func<T, bool>>>? Gt = null,
        Func<T, Expression<Func<T, bool>>>? Gte = null,
        Func<T, Expression<Func<T, bool>>>? Lt = null,
        Func<T, Expression<Func<T, bool>>>? Lte = null,
        Func<T, Expression<Func<T, bool>>>? Contains = null,
        Func<T, Expression<Func<T, bool>>>? StartsWith = null,
        Func<T, Expression<Func<T, bool>>>? EndsWith = null);

    // linq2db turns Contains/StartsWith/EndsWith of a parameter into LIKE with the value escaped (ESCAPE '~'),
    // so % and _ in the value match themselves.
    private static readonly Comparisons<string?> StringComparisons = new(
        Eq: value => x => x == value,
        Contains: value => x => x!.Contains(value!),
        StartsWith: value => x => x!.StartsWith(value!),
        EndsWith: value => x => x!.EndsWith(value!));

    // Numbers and dates are captured as non-nullable values (the reader never yields NULL for them): a parameter of a
    // nullable type makes linq2db treat the whole statement as parameter-dependent and optimise and render its SQL
    // again on every execution, a query-cache hit included. The SQL text is the same; the parameter names too.
    private static readonly Comparisons<long?> IntegerComparisons = new(
        Eq: v => NonNull(v, value => x => x == value),
        Gt: v => NonNull(v, value => x => x > value),
        Gte: v => NonNull(v, value => x => x >= value),
        Lt: v => NonNull(v, value => x => x < value),
        Lte: v => NonNull(v, value => x => x <= value));

    private static readonly Comparisons<DateOnly?> DateComparisons = new(
        Eq: v => NonNull(v, value => x => x == value),
        Gt: v => NonNull(v, value => x => x > value),
        Gte: v => NonNull(v, value => x => x >= value),
        Lt: v => NonNull(v, value => x => x < value),
        Lte: v => NonNull(v, value => x => x <= value));

    private static Expression<Func<T?, bool>> NonNull<T>(T? value, Func<T, Expression<Func<T?, bool>>> test)
        where T : struct =>
        test(value ?? throw new ArgumentNullException(nameof(value), "Numbers and dates read from a spec are never NULL."));

    private static Expression<Func<User, bool>> Build<T>(
        (Expression<Func<User, T>> Member, Expression<Func<User, T>> Compared) field,
        AttributeCondition condition,
        Comparisons<T> compare,
        Func<JsonElement, T> read,
        bool negated,
        Func<List<T>, Expression<Func<T, bool>>>? longList = null)
    {
        var value = condition.Value ?? default;
        Func<T, Expression<Func<T, bool>>> Need(Func<T, Expression<Func<T, bool>>>? op) =>
            op ?? throw new SegmentException([new SpecError("", ErrorCodes.UnknownOperator, $"'{condition.Op}' does not apply to '{condition.Field}'.")]);

        if (condition.Op is "isNull" or "isNotNull")
        {
            return IsNull(field.Member, isNull: (condition.Op == "isNull") != negated);
        }

        var (test, nullMatches) = condition.Op switch
        {
            "eq" => (compare.Eq(read(value)), false),
            "neq" => (Not(compare.Eq(read(value))), true),
            "in" => (In(List(value, read), compare, longList), false),
            "notIn" => (Not(In(List(value, read), compare, longList)), true),
            "gt" => (Need(compare.Gt)(read(value)), false),
            "gte" => (Need(compare.Gte)(read(value)), false),
            "lt" => (Need(compare.Lt)(read(value)), false),
            "lte" => (Need(compare.Lte)(read(value)), false),
            "between" => (Predicates.All([Need(compare.Gte)(read(value[0])), Need(compare.Lte)(read(value[1]))]), false),
            "contains" => (Need(compare.Contains)(read(value)), false),
            "startsWith" => (Need(compare.StartsWith)(read(value)), false),
            "endsWith" => (Need(compare.EndsWith)(read(value)), false),
            _ => throw new SegmentException([new SpecError("", ErrorCodes.UnknownOperator, $"'{condition.Op}' does not apply to '{condition.Field}'.")]),
        };

        return Guarded(field, test, nullMatches, negated);
    }

    /// <summary>Equal to one of <paramref name="values"/>: OR'ed equalities, or for a long list one array parameter (<see cref="ValueList"/>).</summary>
    private static Expression<Func<T, bool>> In<T>(List<T> values, Comparisons<T> compare, Func<List<T>, Expression<Func<T, bool>>>? longList)
    {
        // A NULL in the list could never match (x is tested only when not NULL) and would make NOT IN unknown.
        var present = values.Where(v => v is not null).Distinct().ToList();
        if (longList is not null && present.Count > ValueList.MaxInline)
        {
            return longList(present);
        }

        return Predicates.Any(present.Select(compare.Eq).ToList());
    }

    /// <summary><c>date(asOf) - n &lt; x &lt;= date(asOf)</c>, n in calendar days (PnD or PnW).</summary>
    private static Expression<Func<DateOnly?, bool>> InLast(JsonElement value, EvaluationTime time)
    {
        var days = IsoDuration.Parse(value.GetString()!).TotalDays;
        var today = time.AsOfDate;
        return Predicates.All([DateComparisons.Gt!(today.AddDays(-days)), DateComparisons.Lte!(today)]);
    }

    /// <summary>
    /// <c>x IS NOT NULL AND test(x)</c> when a NULL must not match, <c>x IS NULL OR test(x)</c> when it must;
    /// negated, the NULL outcome flips and so does the test, which then only ever decides non-NULL values.
    /// </summary>
    private static Expression<Func<User, bool>> Guarded<T>(
        (Expression<Func<User, T>> Member, Expression<Func<User, T>> Compared) field, Expression<Func<T, bool>> test, bool nullMatches, bool negated)
    {
        var u = field.Member.Parameters[0];
        var compared = Predicates.Inline(field.Compared, u);
        var applied = Predicates.Inline(negated ? Not(test) : test, compared);
        var isNull = Expression.Equal(field.Member.Body, Expression.Constant(null, typeof(T)));
        var body = nullMatches != negated
            ? Expression.OrElse(isNull, applied)
            : Expression.AndAlso(Expression.Not(isNull), applied);
        return Expression.Lambda<Func<User, bool>>(body, u);
    }

    /// <summary>The complement of a test, undoing a double negation rather than stacking NOTs.</summary>
    private static Expression<Func<T, bool>> Not<T>(Expression<Func<T, bool>> test) =>
        Expression.Lambda<Func<T, bool>>(test.Body is UnaryExpression { NodeType: ExpressionType.Not } not ? not.Operand : Expression.Not(test.Body), test.Parameters);

    private static Expression<Func<User, bool>> IsNull<T>(Expression<Func<User, T>> member, bool isNull)
    {
        var test = Expression.Equal(member.Body, Expression.Constant(null, typeof(T)));
        return Expression.Lambda<Func<User, bool>>(isNull ? test : Expression.Not(test), member.Parameters);
    }

    private static List<T> List<T>(JsonElement value, Func<JsonElement, T> read) =>
        value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(read).ToList() : [read(value)];

    private static string? ReadString(JsonElement value, bool ignoreCase)
    {
        var s = value.GetString();
        return ignoreCase ? s?.ToLowerInvariant() : s;
    }

    /// <summary>A date value: <c>yyyy-MM-dd</c>, or relative to the date of asOf in the zone (<c>-P30D</c>).</summary>
    private static DateOnly ReadDate(JsonElement value, EvaluationTime time) => TimePoint.Parse(value.GetString()!) switch
    {
        TimePoint.Date d => d.Value,
        TimePoint.Relative r => time.AsOfDate.AddDays(-r.Ago.TotalDays),
        TimePoint.Instant i => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(i.Value.UtcDateTime, time.Zone)),
        _ => throw new NotSupportedException(),
    };
}
