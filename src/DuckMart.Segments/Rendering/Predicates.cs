using System.Linq.Expressions;

namespace DuckMart.Segments.Rendering;

/// <summary>
/// Small static helpers that glue lambdas together by parameter replacement, so that values stay in
/// closures (which linq2db turns into SQL parameters) and never become <see cref="Expression.Constant(object)"/>
/// literals.
/// </summary>
internal static class Predicates
{
    /// <summary>The body of <paramref name="lambda"/> with its only parameter replaced by <paramref name="argument"/>.</summary>
    public static Expression Inline(LambdaExpression lambda, Expression argument) =>
        new ReplaceParameter(lambda.Parameters[0], argument).Visit(lambda.Body);

    /// <summary><c>x => test(select(x))</c>.</summary>
    public static Expression<Func<TSource, bool>> Compose<TSource, TValue>(Expression<Func<TSource, TValue>> select, Expression<Func<TValue, bool>> test) =>
        Expression.Lambda<Func<TSource, bool>>(Inline(test, select.Body), select.Parameters);

    /// <summary>All of <paramref name="parts"/> over one parameter (true when empty).</summary>
    public static Expression<Func<T, bool>> All<T>(IReadOnlyList<Expression<Func<T, bool>>> parts)
    {
        var p = Expression.Parameter(typeof(T), "x");
        Expression? body = null;
        foreach (var part in parts)
        {
            var b = Inline(part, p);
            body = body is null ? b : Expression.AndAlso(body, b);
        }

        return Expression.Lambda<Func<T, bool>>(body ?? Expression.Constant(true), p);
    }

    /// <summary>
    /// Any of <paramref name="parts"/> over one parameter, as a balanced tree: a 10,000-value <c>in</c> list
    /// then nests 14 deep instead of 10,000 (DuckDB refuses expressions deeper than 1,000).
    /// </summary>
    public static Expression<Func<T, bool>> Any<T>(IReadOnlyList<Expression<Func<T, bool>>> parts)
    {
        var p = Expression.Parameter(typeof(T), "x");
        var bodies = parts.Select(part => Inline(part, p)).ToList();
        if (bodies.Count == 0)
        {
            return Expression.Lambda<Func<T, bool>>(Expression.Constant(false), p);
        }

        return Expression.Lambda<Func<T, bool>>(Balanced(bodies, 0, bodies.Count, Expression.OrElse), p);
    }

    public static Expression Balanced(IReadOnlyList<Expression> items, int start, int count, Func<Expression, Expression, BinaryExpression> join)
    {
        if (count == 1)
        {
            return items[start];
        }

        var half = count / 2;
        return join(Balanced(items, start, half, join), Balanced(items, start + half, count - half, join));
    }

    private sealed class ReplaceParameter(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
