using System.Linq.Expressions;
using System.Reflection;

namespace DuckMart.Api.OData;

/// <summary>
/// Rewrites the expression OData builds before linq2db translates it. Two rules, each for a reason seen in tests:
/// <list type="bullet">
/// <item>Take/Skip counts become constants. OData wraps each count in a holder object, which linq2db renders as a
/// SQL parameter, and DuckDB refuses a parameter as the LIMIT of a correlated subquery ("Non-constant limit not
/// supported in correlated subquery"), which is how linq2db pages <c>$expand=events</c> (a LATERAL join per user).
/// The counts are integers OData has validated; <see cref="ODataConnection.ForOData"/> keeps linq2db from turning them
/// back into parameters. Values from <c>$filter</c> are untouched and stay parameters.</item>
/// <item><c>s.Contains(x)</c>, <c>StartsWith</c>, <c>EndsWith</c> become <c>s != null &amp;&amp; s.Contains(x)</c>. linq2db renders
/// them as a bare LIKE, which is NULL for a NULL column, so <c>not contains(location,'o')</c> would drop users with no
/// location; CONTRACT.md wants two-valued logic where <c>not</c> is plain negation and a NULL fails the test.</item>
/// </list>
/// </summary>
public sealed class ODataExpressionRewriter : ExpressionVisitor
{
    private static readonly ODataExpressionRewriter Instance = new();

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

        if (node.Method.DeclaringType == typeof(string)
            && node.Method.Name is nameof(string.Contains) or nameof(string.StartsWith) or nameof(string.EndsWith)
            && node.Object is { } text
            && text.NodeType != ExpressionType.Constant)
        {
            return Expression.AndAlso(Expression.NotEqual(text, Expression.Constant(null, typeof(string))), node);
        }

        return node;
    }
}
