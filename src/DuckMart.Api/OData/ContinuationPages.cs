using System.Linq.Expressions;
using System.Reflection;
using DuckMart.Data;
using DuckMart.Domain;
using DuckMart.Segments;
using DuckMart.Segments.Linq.Recognition;

namespace DuckMart.Api.OData;

/// <summary>
/// Continuation pages of <c>/odata/Users</c> read from the segment's IDs, evaluated once. Without this every page a
/// client follows through <c>@odata.nextLink</c> re-evaluates the whole <c>$filter</c> (a 250,000-user segment in pages
/// of 1,000 is 250 evaluations) only to keep the next 1,000 IDs after the skiptoken. Here the first continuation page
/// of a filter reads its IDs once (<see cref="SegmentIdCache"/>), and each page's query becomes
/// <c>users WHERE user_id IN (the page's IDs)</c>, still through OData's own <c>$select</c>, ordering and next link.
/// <para>
/// Taken only where it is exact: a <c>$skiptoken</c> page over users ordered by <c>userId</c> alone (no <c>$orderby</c>
/// but <c>userId</c>, no <c>$apply</c>), whose one <c>$filter</c> the engine reads whole (<see cref="SegmentRecognizer"/>,
/// the same condition the first page ran on the engine). Everything else runs as before.
/// </para>
/// </summary>
public static class ContinuationPages
{
    internal static Expression Rewrite(Expression expression, DuckMartDb db, HttpContext httpContext, SegmentIdCache cache)
    {
        if (!Applies(httpContext.Request.Query))
        {
            return expression;
        }

        var shape = new PageShape();
        shape.Visit(expression);
        if (shape is not { Filter: { } filter, After: { } after, Take: { } take, Wheres: 2 } || SegmentRecognizer.Recognize(filter.Predicate) is not { } where)
        {
            return expression;
        }

        var ids = cache.Get(db, SegmentQuery.Create(db, where, SegmentRecognizer.AllEvents, NoSavedSegments.Instance));
        var page = Page(ids, after, take);
        // The recogniser reads this as a userId list, so the page query runs on the engine too. A cheap filter gains
        // little (02, age 25-34: about 70 ms a page either way at 1M users, a thousand-value list being costly to
        // render); an event filter gains most (05: every ID through next links 4.1 s, from over 30 s). Writing the
        // IDs into the SQL instead (Sql.Expr) measured slower still: 130-250 ms a page, each a linq2db cache miss.
        Expression<Func<User, bool>> onPage = u => page.Contains(u.UserId);
        return new ReplaceFilter(filter.Call, Expression.Call(filter.Call.Method, filter.Call.Arguments[0], Expression.Quote(onPage))).Visit(expression)!;
    }

    /// <summary>The IDs after <paramref name="after"/>, at most <paramref name="take"/> of them (the IDs are sorted).</summary>
    public static long[] Page(long[] ids, long after, int take)
    {
        var start = Array.BinarySearch(ids, after);
        start = start >= 0 ? start + 1 : ~start;
        return ids[start..Math.Min(ids.Length, start + take)];
    }

    private static bool Applies(IQueryCollection query) =>
        query.ContainsKey("$skiptoken") && query.ContainsKey("$filter") && !query.ContainsKey("$apply") && !query.ContainsKey("$skip")
        && (!query.TryGetValue("$orderby", out var orderBy) || orderBy.ToString().Trim() is "userId" or "userId asc");

    /// <summary>The parts of OData's page query: its <c>$filter</c> Where, the skiptoken's <c>userId &gt; last</c>, the page's Take.</summary>
    private sealed class PageShape : ExpressionVisitor
    {
        public (MethodCallExpression Call, Expression<Func<User, bool>> Predicate)? Filter { get; private set; }

        public long? After { get; private set; }

        public int? Take { get; private set; }

        public int Wheres { get; private set; }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType == typeof(Queryable) && node.Method.Name == nameof(Queryable.Take)
                && node.Arguments[1] is ConstantExpression { Value: int take })
            {
                Take = Take is { } outer ? Math.Min(outer, take) : take;
            }

            if (node.Method.DeclaringType == typeof(Queryable) && node.Method.Name == nameof(Queryable.Where)
                && node.Arguments is [_, UnaryExpression { Operand: Expression<Func<User, bool>> predicate }])
            {
                Wheres++;
                if (KeyAfter(predicate) is { } after)
                {
                    After = after;
                }
                else
                {
                    Filter = (node, predicate);
                }
            }

            return base.VisitMethodCall(node);
        }

        /// <summary>The skiptoken's <c>u =&gt; u.UserId &gt; value</c>, its value read from the constant or the holder OData binds.</summary>
        private static long? KeyAfter(Expression<Func<User, bool>> predicate) =>
            predicate.Body is BinaryExpression { NodeType: ExpressionType.GreaterThan } greater
            && Strip(greater.Left) is MemberExpression { Member.Name: nameof(User.UserId), Expression: ParameterExpression }
                ? Value(Strip(greater.Right)) switch { long l => l, int i => i, _ => null }
                : null;

        private static Expression Strip(Expression e) => e is UnaryExpression { NodeType: ExpressionType.Convert } convert ? Strip(convert.Operand) : e;

        private static object? Value(Expression e) => e switch
        {
            ConstantExpression constant => constant.Value,
            MemberExpression { Expression: ConstantExpression holder, Member: PropertyInfo property } => property.GetValue(holder.Value),
            MemberExpression { Expression: ConstantExpression holder, Member: FieldInfo field } => field.GetValue(holder.Value),
            _ => null,
        };
    }

    private sealed class ReplaceFilter(Expression from, Expression to) : ExpressionVisitor
    {
        public override Expression? Visit(Expression? node) => node == from ? to : base.Visit(node);
    }
}
