using System.Linq.Expressions;
using System.Reflection;
using DuckMart.Api.Reliability;
using DuckMart.Data;
using DuckMart.Domain;
using DuckMart.Segments;
using DuckMart.Segments.Linq.Recognition;

namespace DuckMart.Api.OData;

/// <summary>
/// Pages of <c>/odata/Users</c> ordered by <c>userId</c> as keyset pages of the segment engine's SQL. Without this a
/// page a client follows through <c>@odata.nextLink</c> evaluates the whole <c>$filter</c> again (a 250,000-user segment
/// in pages of 1,000 is 250 evaluations) only to keep the next 1,000 IDs after the skiptoken.
/// <para>
/// Here the filter's sorted IDs are read once (<see cref="SegmentIdCache"/>, one evaluation, which also answers
/// <c>$count</c>: <see cref="CachedCount"/>), and they only say where a page ends: the page's query is the engine's
/// condition for the users <c>last &lt; userId &lt;= end</c> (<see cref="SegmentQuery.PredicateWithin"/>: every scan of
/// <c>events</c> cut to that range, the bounds SQL parameters) with OData's own <c>userId &gt; last</c>, ordering,
/// <c>LIMIT</c>, <c>$select</c> and next link. No list of IDs reaches the SQL, and every page of a segment is the same
/// SQL text. The answer stays the engine's: the cached IDs choose the range, the SQL decides the members.
/// </para>
/// <para>
/// Taken only where it is exact: a page over users ordered by <c>userId</c> alone (no <c>$orderby</c> but
/// <c>userId</c>, no <c>$apply</c>, no <c>$skip</c>), whose one <c>$filter</c> the engine reads whole
/// (<see cref="SegmentRecognizer"/>). Everything else (another <c>$orderby</c>, a partly recognised filter) runs as
/// before, through the recogniser on every page.
/// </para>
/// </summary>
public static class ContinuationPages
{
    /// <summary>The page query over a range of the segment, or null when this request is not such a page.</summary>
    internal static Expression? Rewrite(Expression expression, DuckMartDb db, HttpContext httpContext, SegmentIdCache cache)
    {
        var query = httpContext.Request.Query;
        if (!Applies(query))
        {
            return null;
        }

        var shape = new PageShape();
        shape.Visit(expression);
        var continuation = query.ContainsKey("$skiptoken");
        if (shape is not { Filter: { } filter, Take: { } take } || shape.Wheres != (continuation ? 2 : 1) || continuation != shape.After.HasValue
            || SegmentRecognizer.Recognize(filter.Predicate) is not { } where)
        {
            return null;
        }

        var segment = SegmentQuery.Create(db, where, SegmentRecognizer.AllEvents, NoSavedSegments.Instance);
        var ids = cache.Get(db, segment, QueryDeadline.Of(httpContext)?.Token ?? httpContext.RequestAborted);
        var range = new PageRange(shape.After ?? long.MinValue, End(ids, shape.After, take));
        Expression<Func<User, bool>> inRange = u => u.UserId > range.After && u.UserId <= range.Through;
        var onPage = Expression.Call(filter.Call.Method, filter.Call.Arguments[0], Expression.Quote(inRange));
        var members = Expression.Call(filter.Call.Method, onPage, Expression.Quote(segment.PredicateWithin(range.After, range.Through)));
        return new ReplaceFilter(filter.Call, members).Visit(expression)!;
    }

    /// <summary>
    /// <c>$count</c> of a filter whose IDs are held (the page query, which runs first, read them): their number,
    /// without counting again. Null when they are not held; the count query then runs as usual.
    /// </summary>
    internal static long? CachedCount(Expression expression, DuckMartDb db, HttpContext httpContext, SegmentIdCache cache)
    {
        if (!httpContext.Request.Query.ContainsKey("$filter") || httpContext.Request.Query.ContainsKey("$apply"))
        {
            return null;
        }

        var shape = new PageShape();
        shape.Visit(expression);
        if (shape is not { Filter: { } filter, Wheres: 1, Take: null, After: null } || SegmentRecognizer.Recognize(filter.Predicate) is not { } where)
        {
            return null;
        }

        return cache.Peek(db, SegmentQuery.Create(db, where, SegmentRecognizer.AllEvents, NoSavedSegments.Instance))?.LongLength;
    }

    /// <summary>
    /// The last ID of the page after <paramref name="after"/> of at most <paramref name="take"/> IDs (OData asks for one
    /// more than the page size, to know that there is a next page); <paramref name="after"/> itself when none is left.
    /// </summary>
    public static long End(long[] ids, long? after, int take)
    {
        var page = after is { } last ? Page(ids, last, take) : ids[..Math.Min(ids.Length, take)];
        return page.Length > 0 ? page[^1] : after ?? long.MinValue;
    }

    /// <summary>The IDs after <paramref name="after"/>, at most <paramref name="take"/> of them (the IDs are sorted).</summary>
    public static long[] Page(long[] ids, long after, int take)
    {
        var start = Array.BinarySearch(ids, after);
        start = start >= 0 ? start + 1 : ~start;
        return ids[start..Math.Min(ids.Length, start + take)];
    }

    private static bool Applies(IQueryCollection query) =>
        query.ContainsKey("$filter") && !query.ContainsKey("$apply") && !query.ContainsKey("$skip")
        && (!query.TryGetValue("$orderby", out var orderBy) || orderBy.ToString().Trim() is "userId" or "userId asc");

    /// <summary>
    /// The parts of OData's page query: its <c>$filter</c> Where, the skiptoken's <c>userId &gt; last</c>, the page's Take.
    /// Read along the chain of query operators only, never inside a lambda: <c>$expand=events</c> pages each user's events
    /// with a Take of its own (100 and one), which is not the page's.
    /// </summary>
    private sealed class PageShape
    {
        public (MethodCallExpression Call, Expression<Func<User, bool>> Predicate)? Filter { get; private set; }

        public long? After { get; private set; }

        public int? Take { get; private set; }

        public int Wheres { get; private set; }

        public void Visit(Expression expression)
        {
            for (var node = expression; node is MethodCallExpression { Arguments.Count: > 0 } call; node = call.Arguments[0])
            {
                if (call.Method.DeclaringType != typeof(Queryable))
                {
                    continue;
                }

                if (call.Method.Name == nameof(Queryable.Take) && call.Arguments[1] is ConstantExpression { Value: int take })
                {
                    Take = Take is { } outer ? Math.Min(outer, take) : take;
                }

                if (call.Method.Name == nameof(Queryable.Where) && call.Arguments is [_, UnaryExpression { Operand: Expression<Func<User, bool>> predicate }])
                {
                    Wheres++;
                    if (KeyAfter(predicate) is { } after)
                    {
                        After = after;
                    }
                    else
                    {
                        Filter = (call, predicate);
                    }
                }
            }
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

    /// <summary>The page's bounds, read by linq2db as SQL parameters (a class, not constants: one SQL for every page).</summary>
    private sealed class PageRange(long after, long through)
    {
        public long After { get; } = after;

        public long Through { get; } = through;
    }

    private sealed class ReplaceFilter(Expression from, Expression to) : ExpressionVisitor
    {
        public override Expression? Visit(Expression? node) => node == from ? to : base.Visit(node);
    }
}
