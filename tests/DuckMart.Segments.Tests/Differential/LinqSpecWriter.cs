using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using DuckMart.Domain;
using DuckMart.Segments.Spec;

namespace DuckMart.Segments.Tests.Differential;

/// <summary>
/// A spec written as the plain LINQ a .NET developer would write over <see cref="User"/> and <c>u.Events</c>, with asOf
/// and the zone already applied (LINQ has neither: every window bound is an instant, every relative date a date).
/// Values are read from a captured variable, as in ordinary C#; event names are literals. The forms are the ones
/// docs/linq.md lists as recognised, so every tree written here must run on the segment engine. Null for what plain
/// LINQ cannot say the same way (distinctDays, sequences, saved segments).
/// </summary>
public static class LinqSpecWriter
{
    private static readonly MethodInfo AnyWithPredicate = Enumerable("Any", 2);
    private static readonly MethodInfo CountWithPredicate = Enumerable("Count", 2);
    private static readonly MethodInfo Where = Enumerable("Where", 2, p => p[1].ParameterType.GetGenericArguments().Length == 2);
    private static readonly MethodInfo MinOfTimestamp = Selector("Min");

    private static readonly MethodInfo MaxOfTimestamp = Selector("Max");

    public static Expression<Func<User, bool>>? Write(Condition condition, EvaluationTime time)
    {
        var u = Expression.Parameter(typeof(User), "u");
        return Body(condition, u, time) is { } body ? Expression.Lambda<Func<User, bool>>(body, u) : null;
    }

    private static Expression? Body(Condition condition, ParameterExpression u, EvaluationTime time) => condition switch
    {
        AndCondition a => All(a.Of.Select(c => Body(c, u, time)).ToList(), Expression.AndAlso),
        OrCondition o => All(o.Of.Select(c => Body(c, u, time)).ToList(), Expression.OrElse),
        NotCondition n => Body(n.Of, u, time) is { } inner ? Expression.Not(inner) : null,
        AttributeCondition a => Attribute(a, u, time),
        EventCondition e => Event(e, u, time),
        _ => null,
    };

    private static Expression? All(List<Expression?> parts, Func<Expression, Expression, BinaryExpression> join) =>
        parts.Any(p => p is null) ? null : parts.Select(p => p!).Aggregate((a, b) => join(a, b));

    // ---- attributes ----

    private static Expression? Attribute(AttributeCondition c, ParameterExpression u, EvaluationTime time)
    {
        var member = Expression.Property(u, char.ToUpperInvariant(c.Field[0]) + c.Field[1..]);
        var kind = FieldCatalog.Fields[c.Field];
        switch (c.Op)
        {
            case "isNull":
                return Expression.Equal(Nullable(member), Expression.Constant(null, Nullable(member).Type));
            case "isNotNull":
                return Expression.NotEqual(Nullable(member), Expression.Constant(null, Nullable(member).Type));
        }

        var v = c.Value!.Value;
        if (kind == FieldKind.String)
        {
            return Text(c, member, v);
        }

        object Read(System.Text.Json.JsonElement e) => kind == FieldKind.Integer
            ? member.Type == typeof(long) ? e.GetInt64() : (object)(int)e.GetInt64()
            : DateValue(e.GetString()!, time);

        return c.Op switch
        {
            "eq" => Expression.Equal(member, Value(Read(v), member.Type)),
            "neq" => Expression.NotEqual(member, Value(Read(v), member.Type)),
            "gt" => Expression.GreaterThan(member, Value(Read(v), member.Type)),
            "gte" => Expression.GreaterThanOrEqual(member, Value(Read(v), member.Type)),
            "lt" => Expression.LessThan(member, Value(Read(v), member.Type)),
            "lte" => Expression.LessThanOrEqual(member, Value(Read(v), member.Type)),
            "between" => Expression.AndAlso(
                Expression.GreaterThanOrEqual(member, Value(Read(v[0]), member.Type)),
                Expression.LessThanOrEqual(member, Value(Read(v[1]), member.Type))),
            "in" => In(member, v.EnumerateArray().Select(Read)),
            "notIn" => Expression.Not(In(member, v.EnumerateArray().Select(Read))),
            "inLast" => InLast(member, v.GetString()!, time),
            _ => throw new NotSupportedException(c.Op),
        };
    }

    // u.UserId == null compiles to a comparison of (long?)u.UserId, always false.
    private static Expression Nullable(MemberExpression member) =>
        member.Type.IsValueType && System.Nullable.GetUnderlyingType(member.Type) is null ? Expression.Convert(member, typeof(Nullable<>).MakeGenericType(member.Type)) : member;

    /// <summary>Strings, with <c>ignoreCase</c> as <c>u.X.ToLower()</c> against a lower-case value, and the null test C# needs before a method call.</summary>
    private static Expression Text(AttributeCondition c, MemberExpression member, System.Text.Json.JsonElement v)
    {
        Expression subject = c.IgnoreCase ? Expression.Call(member, typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!) : member;
        string S(System.Text.Json.JsonElement e) => c.IgnoreCase ? e.GetString()!.ToLowerInvariant() : e.GetString()!;
        Expression NotNull() => Expression.NotEqual(member, Expression.Constant(null, typeof(string)));
        Expression Call(string method) => Expression.AndAlso(NotNull(), Expression.Call(subject, typeof(string).GetMethod(method, [typeof(string)])!, Value(S(v), typeof(string))));

        return c.Op switch
        {
            // Null-tested too: with the value a parameter, linq2db writes (x = $p OR x IS NULL AND $p IS NULL), NULL for a NULL
            // x, and under a NOT it dropped users whose x is NULL (found by ODataDifferentialTests).
            "eq" => Expression.AndAlso(NotNull(), Expression.Equal(subject, Value(S(v), typeof(string)))),
            "neq" => Expression.NotEqual(subject, Value(S(v), typeof(string))),
            "in" => In(subject, v.EnumerateArray().Select(e => (object)S(e))),
            "notIn" => Expression.Not(In(subject, v.EnumerateArray().Select(e => (object)S(e)))),
            "contains" => Call(nameof(string.Contains)),
            "startsWith" => Call(nameof(string.StartsWith)),
            "endsWith" => Call(nameof(string.EndsWith)),
            _ => throw new NotSupportedException(c.Op),
        };
    }

    /// <summary>
    /// <c>u.X != null &amp;&amp; list.Contains(u.X)</c> with a <c>List&lt;T&gt;</c> of the member's own type. The null test keeps plain
    /// linq2db two-valued: it renders a bare <c>x IN (…)</c>, NULL for a NULL x, so under a NOT it dropped users whose x is
    /// NULL, where C# (and the engine, and the spec's notIn) keep them (found by this test).
    /// </summary>
    private static Expression In(Expression member, IEnumerable<object> values)
    {
        var column = member is MethodCallExpression { Object: { } lowered } ? lowered : member;
        return column.Type.IsValueType && System.Nullable.GetUnderlyingType(column.Type) is null
            ? Contains(member, values)
            : Expression.AndAlso(Expression.NotEqual(column, Expression.Constant(null, column.Type)), Contains(member, values));
    }

    private static Expression Contains(Expression member, IEnumerable<object> values)
    {
        var listType = typeof(List<>).MakeGenericType(member.Type);
        var list = (System.Collections.IList)Activator.CreateInstance(listType)!;
        foreach (var value in values)
        {
            list.Add(value);
        }

        return Expression.Call(Value(list, listType), listType.GetMethod("Contains")!, member);
    }

    /// <summary><c>date(asOf) - n &lt; x &lt;= date(asOf)</c>.</summary>
    private static Expression InLast(MemberExpression member, string duration, EvaluationTime time)
    {
        var d = IsoDuration.Parse(duration);
        var today = time.AsOfDate;
        return Expression.AndAlso(
            Expression.GreaterThan(member, Value(today.AddDays(-((d.Weeks * 7) + d.Days)), member.Type)),
            Expression.LessThanOrEqual(member, Value(today, member.Type)));
    }

    private static DateOnly DateValue(string text, EvaluationTime time) =>
        text.StartsWith('-')
            ? time.AsOfDate.AddDays(-(int)IsoDuration.Parse(text[1..]).TotalDays)
            : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    // ---- events ----

    private static Expression? Event(EventCondition c, ParameterExpression u, EvaluationTime time)
    {
        if (c.DistinctDays is not null)
        {
            return null;
        }

        var (from, to) = EventWindowBounds.Of(c.Window, time);
        var e = Expression.Parameter(typeof(Event), "e");
        var tests = new List<Expression>();
        if (c.Name is { } name)
        {
            tests.Add(Expression.Equal(Expression.Property(e, nameof(Domain.Event.EventName)), Expression.Constant(EventNames.Normalize(name))));
        }

        var timestamp = Expression.Property(e, nameof(Domain.Event.Timestamp));
        if (from is { } f)
        {
            tests.Add(Expression.GreaterThanOrEqual(timestamp, Value(f, typeof(DateTime))));
        }

        tests.Add(Expression.LessThan(timestamp, Value(to, typeof(DateTime))));
        var matching = Expression.Lambda<Func<Event, bool>>(tests.Aggregate(Expression.AndAlso), e);
        var events = Expression.Property(u, nameof(User.Events));

        if (c.Count is { } count)
        {
            var n = Expression.Call(CountWithPredicate, events, matching);
            return count.Op == "between"
                ? Expression.AndAlso(
                    Expression.GreaterThanOrEqual(n, Value((int)count.Value[0].GetInt64(), typeof(int))),
                    Expression.LessThanOrEqual(n, Value((int)count.Value[1].GetInt64(), typeof(int))))
                : Compare(count.Op, n, Value((int)count.Value.GetInt64(), typeof(int)));
        }

        if ((c.First ?? c.Last) is { } measure)
        {
            // Guarded by Any, as C# must (Min of no events throws), which also keeps plain linq2db two-valued: an unguarded
            // nullable Min under a NOT is NULL in SQL for a user without such events, and linq2db drops that user.
            var x = Expression.Parameter(typeof(Event), "x");
            var selector = Expression.Lambda<Func<Event, DateTime>>(Expression.Property(x, nameof(Domain.Event.Timestamp)), x);
            var seen = Expression.Call(c.First is not null ? MinOfTimestamp : MaxOfTimestamp, Expression.Call(Where, events, matching), selector);
            DateTime Point(System.Text.Json.JsonElement v) => DateTime.SpecifyKind(TimePoint.Parse(v.GetString()!).Resolve(time), DateTimeKind.Utc);
            var test = measure.Op switch
            {
                "before" => Expression.LessThan(seen, Value(Point(measure.Value), typeof(DateTime))),
                "after" => Expression.GreaterThanOrEqual(seen, Value(Point(measure.Value), typeof(DateTime))),
                _ => Expression.AndAlso(
                    Expression.GreaterThanOrEqual(seen, Value(Point(measure.Value[0]), typeof(DateTime))),
                    Expression.LessThan(seen, Value(Point(measure.Value[1]), typeof(DateTime)))),
            };
            return Expression.AndAlso(Expression.Call(AnyWithPredicate, events, matching), test);
        }

        return Expression.Call(AnyWithPredicate, events, matching);
    }

    private static Expression Compare(string op, Expression left, Expression right) => op switch
    {
        "eq" => Expression.Equal(left, right),
        "neq" => Expression.NotEqual(left, right),
        "gt" => Expression.GreaterThan(left, right),
        "gte" => Expression.GreaterThanOrEqual(left, right),
        "lt" => Expression.LessThan(left, right),
        _ => Expression.LessThanOrEqual(left, right),
    };

    /// <summary>A value as C# captures a local variable: a field of a closure object.</summary>
    private static Expression Value(object? value, Type type)
    {
        var holder = Activator.CreateInstance(typeof(Captured<>).MakeGenericType(type), [value])!;
        return Expression.Field(Expression.Constant(holder), "Value");
    }

    private static MethodInfo Enumerable(string name, int parameters, Func<ParameterInfo[], bool>? also = null) =>
        typeof(Enumerable).GetMethods()
            .Single(m => m.Name == name && m.GetParameters().Length == parameters && m.GetGenericArguments().Length == 1
                && (also?.Invoke(m.GetParameters()) ?? true))
            .MakeGenericMethod(typeof(Event));

    // Min<Event, DateTime>(events, e => e.Timestamp): the generic overload, as C# binds it.
    private static MethodInfo Selector(string name) =>
        typeof(Enumerable).GetMethods()
            .Single(m => m.Name == name && m.GetGenericArguments().Length == 2 && m.GetParameters().Length == 2
                && m.GetParameters()[1].ParameterType.GetGenericTypeDefinition() == typeof(Func<,>))
            .MakeGenericMethod(typeof(Event), typeof(DateTime));

    private sealed class Captured<T>(T value)
    {
        public readonly T Value = value;
    }
}

/// <summary>
/// The instants an event window means at asOf: [from, to), with to never past asOf (the model sees no event at or
/// after asOf), written out as LINQ and <c>$filter</c> must write them.
/// </summary>
public static class EventWindowBounds
{
    public static (DateTime? From, DateTime To) Of(EventWindow? window, EvaluationTime time)
    {
        DateTime? from = null;
        var to = time.AsOfUtc;
        if (window?.Last is { } last)
        {
            from = time.AsOfUtc - last.ToTimeSpan();
        }

        if (window?.From is { } f && f.Resolve(time) is var start && (from is null || start > from))
        {
            from = start;
        }

        if (window?.To is { } t && t.Resolve(time) is var end && end < to)
        {
            to = end;
        }

        return (from is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : null, DateTime.SpecifyKind(to, DateTimeKind.Utc));
    }
}
