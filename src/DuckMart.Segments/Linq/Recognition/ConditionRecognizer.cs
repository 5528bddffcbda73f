using System.Linq.Expressions;
using System.Reflection;
using DuckMart.Segments.Spec;

namespace DuckMart.Segments.Linq.Recognition;

/// <summary>
/// Reads a predicate over <see cref="Domain.User"/> back into the segment model, the reverse of the translator,
/// laid out like OData's QueryBinder: one <c>Recognize</c> method per node kind and a context object. Each returns
/// null for "not recognised", and the caller keeps that part as linq2db renders it. Only what the model says
/// with exactly the same meaning (C#'s, which linq2db keeps in SQL) is taken; see docs/linq.md for the list.
/// </summary>
internal static class ConditionRecognizer
{
    public static Condition? Recognize(Expression node, RecognizerContext context) => node switch
    {
        BinaryExpression { NodeType: ExpressionType.AndAlso or ExpressionType.And } b when b.Type == typeof(bool) => RecognizeAnd(b, context),
        BinaryExpression { NodeType: ExpressionType.OrElse or ExpressionType.Or } b when b.Type == typeof(bool) => RecognizeOr(b, context),
        UnaryExpression { NodeType: ExpressionType.Not } u when u.Type == typeof(bool) => RecognizeNot(u, context),
        BinaryExpression b => RecognizeComparison(b, context),
        MethodCallExpression call => RecognizeMethodCall(call, context),
        _ => null,
    };

    private static Condition? RecognizeAnd(BinaryExpression node, RecognizerContext context) =>
        Recognize(node.Left, context) is { } left && Recognize(node.Right, context) is { } right ? left.And(right) : null;

    private static Condition? RecognizeOr(BinaryExpression node, RecognizerContext context) =>
        Recognize(node.Left, context) is { } left && Recognize(node.Right, context) is { } right ? left.Or(right) : null;

    private static Condition? RecognizeNot(UnaryExpression node, RecognizerContext context) =>
        Recognize(node.Operand, context)?.Not();

    /// <summary><c>u.Age &gt;= 25</c>, <c>u.Location == null</c>, <c>u.Events.Count(…) &gt;= 3</c>, <c>u.Events.Max(e =&gt; e.Timestamp) &lt; t</c>.</summary>
    private static Condition? RecognizeComparison(BinaryExpression node, RecognizerContext context)
    {
        if (ComparisonOp(node.NodeType) is not { } op)
        {
            return null;
        }

        var (subject, other) = (RecognizedValue.StripConvert(node.Left), node.Right);
        if (!Reads(subject, context))
        {
            (subject, other, op) = (RecognizedValue.StripConvert(node.Right), node.Left, Flip(op));
        }

        if (!RecognizedValue.TryRead(other, out var value))
        {
            return null;
        }

        return subject switch
        {
            MemberExpression member when member.Expression == context.User => AttributeRecognizer.Compare(member.Member, op, value),
            _ when Lowered(subject, context) is { } lowered => AttributeRecognizer.Compare(lowered.Member, op, value, ignoreCase: true),
            _ when AttributeRecognizer.DateNumber(subject, context) is { } date => AttributeRecognizer.CompareDateNumber(date, op, value),
            MethodCallExpression call when EventRecognizer.IsAggregate(call) => EventRecognizer.Compare(call, op, value, context),
            _ => null,
        };
    }

    /// <summary><c>u.Events.Any(…)</c>, <c>All</c>, <c>u.Name.StartsWith("A")</c>, <c>list.Contains(u.Location)</c>.</summary>
    private static Condition? RecognizeMethodCall(MethodCallExpression node, RecognizerContext context)
    {
        if (node.Method.DeclaringType == typeof(Enumerable) && node.Method.Name is nameof(Enumerable.Any) or nameof(Enumerable.All))
        {
            return EventRecognizer.AnyOrAll(node, context);
        }

        if (node.Method.DeclaringType == typeof(string) && node.Object is MemberExpression { } text && text.Expression == context.User
            && node.Arguments.Count == 1 && RecognizedValue.TryRead(node.Arguments[0], out var part))
        {
            return AttributeRecognizer.Text(text.Member, node.Method.Name, part);
        }

        if (node.Method.DeclaringType == typeof(string) && node.Object is { } loweredText && Lowered(loweredText, context) is { } lowered
            && node.Arguments.Count == 1 && RecognizedValue.TryRead(node.Arguments[0], out var loweredPart))
        {
            return AttributeRecognizer.Text(lowered.Member, node.Method.Name, loweredPart, ignoreCase: true);
        }

        // list.Contains(u.X), as an array's Enumerable.Contains or a List<T>'s own method.
        var (list, item) = node switch
        {
            { Method.Name: "Contains", Object: null, Arguments: [var l, var i] } when node.Method.DeclaringType == typeof(Enumerable) => (l, i),
            // C# 14 binds array.Contains(x) to MemoryExtensions.Contains(ReadOnlySpan<T>, T), through op_Implicit.
            { Method.Name: "Contains", Object: null, Arguments: [MethodCallExpression { Method.Name: "op_Implicit", Arguments: [var l] }, var i] }
                when node.Method.DeclaringType == typeof(MemoryExtensions) => (l, i),
            { Method.Name: "Contains", Object: { } l, Arguments: [var i] } => (l, i),
            _ => (null, null),
        };
        if (list is not null && RecognizedValue.StripConvert(item!) is MemberExpression column && column.Expression == context.User
            && RecognizedValue.TryRead(list, out var values) && values is System.Collections.IEnumerable items and not string)
        {
            return AttributeRecognizer.In(column.Member, items);
        }

        if (list is not null && Lowered(item!, context) is { } loweredColumn
            && RecognizedValue.TryRead(list, out var loweredValues) && loweredValues is System.Collections.IEnumerable loweredItems and not string)
        {
            return AttributeRecognizer.In(loweredColumn.Member, loweredItems, ignoreCase: true);
        }

        return null;
    }

    private static bool Reads(Expression subject, RecognizerContext context) =>
        subject is MemberExpression member && member.Expression == context.User
        || subject is MethodCallExpression call && EventRecognizer.IsAggregate(call)
        || Lowered(subject, context) is not null
        || AttributeRecognizer.DateNumber(subject, context) is not null;

    /// <summary>
    /// <c>u.X.ToLower()</c> (OData's <c>tolower(x)</c>): the engine's ignoreCase lowers the column the same way, so a
    /// comparison with an already lower-case value means the same (AttributeRecognizer checks the value).
    /// </summary>
    private static MemberExpression? Lowered(Expression node, RecognizerContext context) =>
        node is MethodCallExpression { Method.Name: nameof(string.ToLower) or nameof(string.ToLowerInvariant), Arguments.Count: 0, Object: MemberExpression member } call
        && call.Method.DeclaringType == typeof(string) && member.Expression == context.User
            ? member
            : null;

    private static string? ComparisonOp(ExpressionType type) => type switch
    {
        ExpressionType.Equal => "eq",
        ExpressionType.NotEqual => "neq",
        ExpressionType.GreaterThan => "gt",
        ExpressionType.GreaterThanOrEqual => "gte",
        ExpressionType.LessThan => "lt",
        ExpressionType.LessThanOrEqual => "lte",
        _ => null,
    };

    /// <summary><c>3 &lt;= x</c> is <c>x &gt;= 3</c>.</summary>
    internal static string Flip(string op) => op switch
    {
        "gt" => "lt",
        "gte" => "lte",
        "lt" => "gt",
        "lte" => "gte",
        _ => op,
    };

    internal static string? CamelCase(MemberInfo member) =>
        member.Name.Length == 0 ? null : char.ToLowerInvariant(member.Name[0]) + member.Name[1..];
}
