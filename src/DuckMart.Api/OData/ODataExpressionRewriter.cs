using System.Linq.Expressions;
using System.Reflection;

namespace DuckMart.Api.OData;

/// <summary>
/// Rewrites the expression OData builds before linq2db translates it. Three rules, each for a reason seen in tests:
/// <list type="bullet">
/// <item>Take/Skip counts become constants. OData wraps each count in a holder object, which linq2db renders as a
/// SQL parameter, and DuckDB refuses a parameter as the LIMIT of a correlated subquery ("Non-constant limit not
/// supported in correlated subquery"), which is how linq2db pages <c>$expand=events</c> (a LATERAL join per user).
/// The counts are integers OData has validated; <see cref="ODataConnection.ForOData"/> keeps linq2db from turning them
/// back into parameters. Values from <c>$filter</c> are untouched and stay parameters.</item>
/// <item><c>s.Contains(x)</c>, <c>StartsWith</c>, <c>EndsWith</c> become <c>s != null &amp;&amp; s.Contains(x)</c>. linq2db renders
/// them as a bare LIKE, which is NULL for a NULL column, so <c>not contains(location,'o')</c> would drop users with no
/// location; CONTRACT.md wants two-valued logic where <c>not</c> is plain negation and a NULL fails the test.</item>
/// <item>A comparison that reads <c>x.Value</c> of a nullable column gets an explicit NULL test: <c>a op b</c> becomes
/// <c>x != null &amp;&amp; a op b</c>, and <c>a != b</c> becomes <c>x == null || a != b</c>. OData (without null propagation)
/// compares an <c>Edm.Date</c> as <c>x.Value.Year * 10000 + x.Value.Month * 100 + x.Value.Day</c>, a non-nullable int to
/// linq2db, so it wrote a bare <c>&lt;&gt;</c> or negated <c>&lt;</c> that is NULL for a NULL date: <c>signupDate ne 2023-12-31</c>
/// and <c>not (signupDate ge 2024-06-15)</c> dropped users with no signupDate, while the JSON spec's <c>neq</c> and
/// <c>not</c> keep them (found by JsonSpecEquivalenceTests). Lifted comparisons of nullable columns (<c>age gt 30</c>)
/// never read <c>.Value</c> and linq2db already handles them.</item>
/// <item>An integer column compared with a number of another kind (<c>age le 3.14</c>, <c>age gt 3000000000</c>,
/// <c>age lt INF</c>, <c>age eq NaN</c>) becomes the exact comparison on integers: see <see cref="IntegerComparisonRewriter"/>.</item>
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

    protected override Expression VisitBinary(BinaryExpression node)
    {
        if (IntegerComparisonRewriter.TryRewrite(node) is { } exact)
        {
            return exact;
        }

        node = (BinaryExpression)base.VisitBinary(node);
        if (node.NodeType is not (ExpressionType.Equal or ExpressionType.NotEqual or ExpressionType.LessThan
            or ExpressionType.LessThanOrEqual or ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual))
        {
            return node;
        }

        var columns = new NullableValueFinder();
        columns.Visit(node.Left);
        columns.Visit(node.Right);
        if (columns.Found.Count == 0)
        {
            return node;
        }

        Expression guarded = node;
        foreach (var column in columns.Found)
        {
            var isNull = Expression.Equal(column, Expression.Constant(null, column.Type));
            guarded = node.NodeType == ExpressionType.NotEqual
                ? Expression.OrElse(isNull, guarded)
                : Expression.AndAlso(Expression.Not(isNull), guarded);
        }

        return guarded;
    }

    /// <summary>The nullable columns read through <c>.Value</c> in an expression (rooted in a lambda parameter, not a value from the query).</summary>
    private sealed class NullableValueFinder : ExpressionVisitor
    {
        private readonly HashSet<string> seen = [];

        public List<Expression> Found { get; } = [];

        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Member.Name == nameof(Nullable<int>.Value)
                && node.Expression is { } column
                && Nullable.GetUnderlyingType(column.Type) is not null
                && IsRootedInParameter(column)
                && seen.Add(column.ToString()))
            {
                Found.Add(column);
            }

            return base.VisitMember(node);
        }

        private static bool IsRootedInParameter(Expression expression)
        {
            while (expression is MemberExpression member && member.Expression is not null)
            {
                expression = member.Expression;
            }

            return expression is ParameterExpression;
        }
    }
}
