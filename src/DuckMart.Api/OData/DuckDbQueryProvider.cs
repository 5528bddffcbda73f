using System.Collections;
using System.Linq.Expressions;

namespace DuckMart.Api.OData;

/// <summary>
/// Hands the query OData built on to linq2db after <see cref="ODataExpressionRewriter"/> has adapted it to DuckDB
/// and to CONTRACT.md's two-valued logic. Wraps the linq2db IQueryable a controller returns; nothing is run here.
/// </summary>
public sealed class DuckDbQueryProvider(IQueryProvider inner) : IQueryProvider
{
    public static IQueryable<T> Wrap<T>(IQueryable<T> source) =>
        new DuckDbQueryable<T>(new DuckDbQueryProvider(source.Provider), source.Expression);

    public IQueryable CreateQuery(Expression expression)
    {
        var elementType = expression.Type.GetInterfaces().Append(expression.Type)
            .First(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IQueryable<>))
            .GetGenericArguments()[0];
        return (IQueryable)Activator.CreateInstance(typeof(DuckDbQueryable<>).MakeGenericType(elementType), this, expression)!;
    }

    public IQueryable<TElement> CreateQuery<TElement>(Expression expression) => new DuckDbQueryable<TElement>(this, expression);

    public object? Execute(Expression expression) => inner.Execute(ODataExpressionRewriter.Rewrite(expression));

    public TResult Execute<TResult>(Expression expression) => inner.Execute<TResult>(ODataExpressionRewriter.Rewrite(expression));

    internal IEnumerator<T> GetEnumerator<T>(Expression expression) =>
        inner.CreateQuery<T>(ODataExpressionRewriter.Rewrite(expression)).GetEnumerator();
}

/// <summary>The query handed out by <see cref="DuckDbQueryProvider"/>: it only carries the expression.</summary>
public sealed class DuckDbQueryable<T>(DuckDbQueryProvider provider, Expression expression) : IOrderedQueryable<T>
{
    public Type ElementType => typeof(T);

    public Expression Expression { get; } = expression;

    public IQueryProvider Provider => provider;

    public IEnumerator<T> GetEnumerator() => provider.GetEnumerator<T>(Expression);

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
