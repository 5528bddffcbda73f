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

    public object? Execute(Expression expression) => Interruptible(() => inner.Execute(ODataExpressionRewriter.Rewrite(expression)));

    public TResult Execute<TResult>(Expression expression) => Interruptible(() => inner.Execute<TResult>(ODataExpressionRewriter.Rewrite(expression)));

    // $count runs here, sometimes while the answer is being written. DuckDB.NET reports an interrupt while
    // preparing a statement as a DuckDBException (Interrupt), while executing as OperationCanceledException:
    // one type, so that a query stopped because the client hung up is seen as a cancellation, not a failure.
    private static T Interruptible<T>(Func<T> run)
    {
        try
        {
            return run();
        }
        catch (DuckDB.NET.Data.DuckDBException e) when (e.ErrorType == DuckDB.NET.Native.DuckDBErrorType.Interrupt)
        {
            throw new OperationCanceledException("The query was interrupted.", e);
        }
    }

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
