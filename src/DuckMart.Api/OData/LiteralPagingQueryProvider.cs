using System.Collections;
using System.Linq.Expressions;
using System.Reflection;

namespace DuckMart.Api.OData;

/// <summary>
/// Hands queries on to linq2db with every Take/Skip count turned into a constant. OData's parameterization
/// wraps each count in a holder object, which linq2db renders as a SQL parameter; DuckDB refuses a parameter
/// as the LIMIT of a correlated subquery, which is how linq2db pages <c>$expand=events</c> (a LATERAL join).
/// Counts are integers that OData has already validated; values from <c>$filter</c> are left alone and stay parameters.
/// Together with <see cref="ODataConnection.ForOData"/> (which stops linq2db turning constant counts back into parameters).
/// </summary>
public sealed class LiteralPagingQueryProvider(IQueryProvider inner) : IQueryProvider
{
    public static IQueryable<T> Wrap<T>(IQueryable<T> source) =>
        new LiteralPagingQueryable<T>(new LiteralPagingQueryProvider(source.Provider), source.Expression);

    public IQueryable CreateQuery(Expression expression)
    {
        var elementType = expression.Type.GetInterfaces().Append(expression.Type)
            .First(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IQueryable<>))
            .GetGenericArguments()[0];
        return (IQueryable)Activator.CreateInstance(typeof(LiteralPagingQueryable<>).MakeGenericType(elementType), this, expression)!;
    }

    public IQueryable<TElement> CreateQuery<TElement>(Expression expression) => new LiteralPagingQueryable<TElement>(this, expression);

    public object? Execute(Expression expression) => inner.Execute(CountsToConstants.Rewrite(expression));

    public TResult Execute<TResult>(Expression expression) => inner.Execute<TResult>(CountsToConstants.Rewrite(expression));

    internal IEnumerator<T> GetEnumerator<T>(Expression expression) =>
        inner.CreateQuery<T>(CountsToConstants.Rewrite(expression)).GetEnumerator();

    private sealed class CountsToConstants : ExpressionVisitor
    {
        private static readonly CountsToConstants Instance = new();

        public static Expression Rewrite(Expression expression) => Instance.Visit(expression);

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            node = (MethodCallExpression)base.VisitMethodCall(node);
            if (node.Method.Name is "Take" or "Skip"
                && (node.Method.DeclaringType == typeof(Queryable) || node.Method.DeclaringType == typeof(Enumerable))
                && node.Arguments is [var source, MemberExpression { Expression: ConstantExpression holder, Member: PropertyInfo property }]
                && property.PropertyType == typeof(int))
            {
                var count = property.GetValue(holder.Value);
                return node.Update(null, [source, Expression.Constant(count, typeof(int))]);
            }

            return node;
        }
    }
}

/// <summary>The query handed out by <see cref="LiteralPagingQueryProvider"/>: it only carries the expression.</summary>
public sealed class LiteralPagingQueryable<T>(LiteralPagingQueryProvider provider, Expression expression) : IOrderedQueryable<T>
{
    public Type ElementType => typeof(T);

    public Expression Expression { get; } = expression;

    public IQueryProvider Provider => provider;

    public IEnumerator<T> GetEnumerator() => provider.GetEnumerator<T>(Expression);

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
