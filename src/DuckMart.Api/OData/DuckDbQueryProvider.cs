using System.Collections;
using System.Linq.Expressions;
using DuckMart.Data;
using DuckMart.Segments.Linq;
using DuckMart.Segments.Linq.Recognition;

namespace DuckMart.Api.OData;

/// <summary>
/// Hands the query OData built on to the segment engine and linq2db: <see cref="SegmentRecognizer"/> (the one
/// recogniser, shared with the LINQ surface) hands what the engine can say to it and leaves the rest to linq2db, and
/// the path taken is reported (<see cref="EnginePathHeader"/>). The <c>$filter</c> tree is already adapted to DuckDB and
/// to CONTRACT.md's two-valued logic where it was bound (<see cref="DuckMartFilterBinder"/>); the one change made here is
/// to the paging OData adds (<see cref="LiteralPaging"/>, and <see cref="ContinuationPages"/> for next links). Wraps the linq2db IQueryable a controller returns; nothing
/// is run here.
/// </summary>
public sealed class DuckDbQueryProvider(IQueryProvider inner, DuckMartDb db, HttpContext httpContext) : IQueryProvider
{
    public static IQueryable<T> Wrap<T>(IQueryable<T> source, DuckMartDb db, HttpContext httpContext) =>
        new DuckDbQueryable<T>(new DuckDbQueryProvider(source.Provider, db, httpContext), source.Expression);

    private Expression Rewrite(Expression expression)
    {
        var paged = LiteralPaging.Instance.Visit(expression);
        var (query, path) = Cache is { } ids && ContinuationPages.Rewrite(paged, db, httpContext, ids) is { } page
            ? (page, EnginePath.Segment)
            : SegmentRecognizer.Rewrite(paged, db);

        // The page query runs before the answer is written; a $count run while writing has the same filter, so the
        // header already says its path.
        if (!httpContext.Response.HasStarted)
        {
            httpContext.Response.Headers[EnginePathHeader.Name] = EnginePathHeader.Value(path);
        }

        return query;
    }

    private SegmentIdCache? Cache => httpContext.RequestServices?.GetService(typeof(SegmentIdCache)) as SegmentIdCache;

    public IQueryable CreateQuery(Expression expression)
    {
        var elementType = expression.Type.GetInterfaces().Append(expression.Type)
            .First(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IQueryable<>))
            .GetGenericArguments()[0];
        return (IQueryable)Activator.CreateInstance(typeof(DuckDbQueryable<>).MakeGenericType(elementType), this, expression)!;
    }

    public IQueryable<TElement> CreateQuery<TElement>(Expression expression) => new DuckDbQueryable<TElement>(this, expression);

    public object? Execute(Expression expression) => Interruptible(() => inner.Execute(Rewrite(expression)));

    public TResult Execute<TResult>(Expression expression)
    {
        // $count once: a continuation page answers the count its next link carries (CarriedCount).
        if (!CarriedCount.IsCountOf(expression))
        {
            return Interruptible(() => inner.Execute<TResult>(Rewrite(expression)));
        }

        // Or the number of the filter's IDs, when the page query has just read them (ContinuationPages).
        if (typeof(TResult) == typeof(long) && KnownCount(expression) is { } known)
        {
            CarriedCount.Remember(httpContext, known);
            return (TResult)(object)known;
        }

        var count = Interruptible(() => inner.Execute<TResult>(Rewrite(expression)));
        if (count is long n)
        {
            CarriedCount.Remember(httpContext, n);
        }

        return count;
    }

    private long? KnownCount(Expression expression) =>
        CarriedCount.TryGet(httpContext, out var carried) ? carried
        : Cache is { } ids ? ContinuationPages.CachedCount(expression, db, httpContext, ids)
        : null;

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
        inner.CreateQuery<T>(Rewrite(expression)).GetEnumerator();
}

/// <summary>
/// Take/Skip counts as constants. OData wraps each count in a holder object, which linq2db renders as a SQL parameter,
/// and DuckDB refuses a parameter as the LIMIT of a correlated subquery ("Non-constant limit not supported in correlated
/// subquery"), which is how linq2db pages <c>$expand=events</c> (a LATERAL join per user). The counts are integers OData has
/// validated; <see cref="ODataConnection.ForOData"/> keeps linq2db from turning them back into parameters.
/// </summary>
internal sealed class LiteralPaging : ExpressionVisitor
{
    public static readonly LiteralPaging Instance = new();

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        node = (MethodCallExpression)base.VisitMethodCall(node);
        return node.Method.Name is "Take" or "Skip"
            && (node.Method.DeclaringType == typeof(Queryable) || node.Method.DeclaringType == typeof(Enumerable))
            && node.Arguments is [var source, MemberExpression { Expression: ConstantExpression holder, Member: System.Reflection.PropertyInfo property }]
            && property.PropertyType == typeof(int)
                ? node.Update(null, [source, Expression.Constant(property.GetValue(holder.Value), typeof(int))])
                : node;
    }
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
