using System.Globalization;
using System.Linq.Expressions;
using DuckMart.Segments.Spec;

namespace DuckMart.Segments.Linq.Recognition;

/// <summary>
/// What a user did, read from <c>u.Events</c>: <c>Any()</c>, <c>Any(pred)</c>, <c>All(pred)</c>, <c>Count(pred) op n</c>
/// and <c>Min/Max(e =&gt; e.Timestamp) op t</c>, where <c>pred</c> is built of <c>e.EventName == "NAME"</c> and
/// <c>e.Timestamp &gt;= t</c> / <c>&lt; t</c> joined by <c>&amp;&amp;</c> (<see cref="EventFilter"/>). Anything else, such as
/// an <c>Any</c> inside an <c>Any</c> or <c>e.Timestamp &gt; t</c> (the model's windows are half-open), is not recognised.
/// </summary>
internal static class EventRecognizer
{
    public static bool IsAggregate(MethodCallExpression call) =>
        call.Method.DeclaringType == typeof(Enumerable)
        && call.Method.Name is nameof(Enumerable.Count) or nameof(Enumerable.LongCount) or nameof(Enumerable.Min) or nameof(Enumerable.Max);

    public static Condition? AnyOrAll(MethodCallExpression node, RecognizerContext context)
    {
        if (Source(node.Arguments[0], context) is not { } source)
        {
            return null;
        }

        if (node.Method.Name == nameof(Enumerable.Any))
        {
            var filter = node.Arguments.Count == 1 ? source : Filter(node.Arguments[1], context) is { } f ? source.And(f) : null;
            return filter is null ? null : Event(filter);
        }

        // All(pred) is "no event fails pred": only a single time bound has a negation the model can say.
        if (node.Arguments.Count == 2 && Filter(node.Arguments[1], context) is { Name: null } bound && (bound.From is null) != (bound.To is null))
        {
            var failing = bound.From is { } from ? new EventFilter(To: from) : new EventFilter(From: bound.To);
            return source.And(failing) is { } f ? Event(f).Not() : null;
        }

        return null;
    }

    /// <summary><c>Count(…) op n</c>, <c>Min(e =&gt; e.Timestamp) op t</c>, <c>Max(…) op t</c>.</summary>
    public static Condition? Compare(MethodCallExpression call, string op, object? value, RecognizerContext context)
    {
        if (Source(call.Arguments[0], context) is not { } source)
        {
            return null;
        }

        if (call.Method.Name is nameof(Enumerable.Count) or nameof(Enumerable.LongCount))
        {
            var filter = call.Arguments.Count == 1 ? source : Filter(call.Arguments[1], context) is { } f ? source.And(f) : null;
            return filter is not null && value is int or long
                ? Event(filter) with { Count = new CountMeasure(op, Conditions.Json(Convert.ToInt64(value, CultureInfo.InvariantCulture))) }
                : null;
        }

        // The first / last event: a user with none has no Min/Max (NULL in SQL), and does not match, as in the model.
        if (call.Arguments.Count != 2 || !SelectsTimestamp(call.Arguments[1]) || Instant(value) is not { } time
            || (op is not ("lt" or "gte")))
        {
            return null;
        }

        var measure = new TimeMeasure(op == "lt" ? "before" : "after", Conditions.Json(time));
        return call.Method.Name == nameof(Enumerable.Min) ? Event(source) with { First = measure } : Event(source) with { Last = measure };
    }

    /// <summary><c>u.Events</c>, or <c>u.Events.Where(pred)…</c> with recognised predicates.</summary>
    private static EventFilter? Source(Expression node, RecognizerContext context) => node switch
    {
        MemberExpression { Member.Name: nameof(Domain.User.Events) } member when member.Expression == context.User && context.Event is null => EventFilter.All,
        MethodCallExpression { Method.Name: nameof(Enumerable.Where), Arguments: [var inner, var predicate] } where
            when where.Method.DeclaringType == typeof(Enumerable) =>
            Source(inner, context) is { } source && Filter(predicate, context) is { } filter ? source.And(filter) : null,
        _ => null,
    };

    private static EventFilter? Filter(Expression node, RecognizerContext context) =>
        node is LambdaExpression { Parameters: [var e] } lambda && e.Type == typeof(Domain.Event)
            ? FilterBody(lambda.Body, context.ForEvent(e))
            : null;

    private static EventFilter? FilterBody(Expression node, RecognizerContext context)
    {
        if (node is BinaryExpression { NodeType: ExpressionType.AndAlso } and)
        {
            return FilterBody(and.Left, context) is { } left && FilterBody(and.Right, context) is { } right ? left.And(right) : null;
        }

        if (node is not BinaryExpression { NodeType: ExpressionType.Equal or ExpressionType.GreaterThanOrEqual or ExpressionType.LessThan or ExpressionType.LessThanOrEqual or ExpressionType.GreaterThan } compare)
        {
            return null;
        }

        var (subject, other, type) = (RecognizedValue.StripConvert(compare.Left), compare.Right, compare.NodeType);
        if (!IsEventMember(subject, context))
        {
            (subject, other, type) = (RecognizedValue.StripConvert(compare.Right), compare.Left, FlipType(type));
        }

        if (subject is not MemberExpression member || !IsEventMember(member, context) || !RecognizedValue.TryRead(other, out var value))
        {
            return null;
        }

        return (member.Member.Name, type, value) switch
        {
            (nameof(Domain.Event.EventName), ExpressionType.Equal, string name) when Domain.EventNames.Normalize(name) == name => new EventFilter(Name: name),
            (nameof(Domain.Event.Timestamp), ExpressionType.GreaterThanOrEqual, DateTime t) when t.Kind != DateTimeKind.Local => new EventFilter(From: t),
            (nameof(Domain.Event.Timestamp), ExpressionType.LessThan, DateTime t) when t.Kind != DateTimeKind.Local => new EventFilter(To: t),
            _ => null,
        };
    }

    private static bool IsEventMember(Expression node, RecognizerContext context) =>
        node is MemberExpression member && member.Expression == context.Event && context.Event is not null;

    private static bool SelectsTimestamp(Expression selector) =>
        selector is LambdaExpression { Parameters: [var e], Body: var body }
        && RecognizedValue.StripConvert(body) is MemberExpression { Member.Name: nameof(Domain.Event.Timestamp) } member
        && member.Expression == e;

    private static ExpressionType FlipType(ExpressionType type) => type switch
    {
        ExpressionType.GreaterThan => ExpressionType.LessThan,
        ExpressionType.GreaterThanOrEqual => ExpressionType.LessThanOrEqual,
        ExpressionType.LessThan => ExpressionType.GreaterThan,
        ExpressionType.LessThanOrEqual => ExpressionType.GreaterThanOrEqual,
        _ => type,
    };

    private static EventCondition Event(EventFilter filter) =>
        new(filter.Name, filter.From is null && filter.To is null ? null : new EventWindow(From: Point(filter.From), To: Point(filter.To)));

    private static TimePoint? Point(DateTime? t) => t is { } v ? new TimePoint.Instant(new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc))) : null;

    // Event timestamps are UTC wall-clock values (Event.Timestamp); linq2db compares a DateTime as it is.
    private static string? Instant(object? value) =>
        value is DateTime t && t.Kind != DateTimeKind.Local
            ? DateTime.SpecifyKind(t, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)
            : null;
}
