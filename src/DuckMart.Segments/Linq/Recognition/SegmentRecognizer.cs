using System.Linq.Expressions;
using System.Reflection;
using DuckMart.Data;
using DuckMart.Domain;
using DuckMart.Segments.Spec;

namespace DuckMart.Segments.Linq.Recognition;

/// <summary>
/// Puts the segment engine under a LINQ query of users: in every <c>Where</c> over <see cref="User"/>, the
/// <c>&amp;&amp;</c>-joined parts that <see cref="ConditionRecognizer"/> reads become one condition handed to the engine's
/// public entry point, <see cref="SegmentQuery.Create"/> (its SQL shapes: IN (… GROUP BY … HAVING …), not a correlated
/// subquery per user), so whatever engine is underneath runs them;
/// the parts it cannot read stay a plain <c>Where</c> in the same query, so composition still works.
/// </summary>
public static class SegmentRecognizer
{
    /// <summary>
    /// "Now" for recognised conditions. LINQ over <c>u.Events</c> sees every event, and the model sees only events
    /// before asOf, so asOf is put past any event a data set holds.
    /// </summary>
    public static readonly EvaluationTime AllEvents = new(new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc);

    /// <summary>The query with its user filters on the engine, and which path that is.</summary>
    public static (Expression Query, EnginePath Path) Rewrite(Expression query, DuckMartDb db)
    {
        var visitor = new WhereVisitor(db);
        var rewritten = visitor.Visit(query);
        return (rewritten, visitor.Path);
    }

    /// <summary>Which path <see cref="Rewrite"/> would take, without translating anything.</summary>
    public static EnginePath Classify(Expression query)
    {
        var visitor = new WhereVisitor(null);
        visitor.Visit(query);
        return visitor.Path;
    }

    /// <summary>The condition a predicate says, or null when some part of it is not recognised.</summary>
    public static Condition? Recognize(Expression<Func<User, bool>> predicate) =>
        ConditionRecognizer.Recognize(predicate.Body, new RecognizerContext(predicate.Parameters[0]));

    private sealed class WhereVisitor(DuckMartDb? db) : ExpressionVisitor
    {
        private int _onEngine;
        private int _leftOver;

        public EnginePath Path => _onEngine == 0 ? EnginePath.Linq : _leftOver == 0 ? EnginePath.Segment : EnginePath.Partial;

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            node = (MethodCallExpression)base.VisitMethodCall(node);
            if (node.Method.DeclaringType != typeof(Queryable) || node.Method.Name != nameof(Queryable.Where)
                || node.Arguments is not [var source, UnaryExpression { Operand: Expression<Func<User, bool>> predicate }])
            {
                return node;
            }

            var context = new RecognizerContext(predicate.Parameters[0]);
            var recognised = new List<Condition>();
            var rest = new List<Expression>();
            foreach (var part in Conjuncts(predicate.Body))
            {
                if (ConditionRecognizer.Recognize(part, context) is { } condition)
                {
                    recognised.Add(condition);
                }
                else
                {
                    rest.Add(part);
                }
            }

            if (recognised.Count == 0)
            {
                _leftOver++;
                return node;
            }

            _onEngine++;
            _leftOver += rest.Count;
            if (db is null)
            {
                return node;
            }

            var where = recognised.Count == 1 ? recognised[0] : new AndCondition(recognised);
            var engine = SegmentQuery.Create(db, where, AllEvents, NoSavedSegments.Instance).Predicate;
            Expression query = Expression.Call(node.Method, source, Expression.Quote(engine));
            if (rest.Count > 0)
            {
                var leftover = Expression.Lambda<Func<User, bool>>(rest.Aggregate(Expression.AndAlso), predicate.Parameters);
                query = Expression.Call(node.Method, query, Expression.Quote(leftover));
            }

            return query;
        }

        private static IEnumerable<Expression> Conjuncts(Expression node) =>
            node is BinaryExpression { NodeType: ExpressionType.AndAlso } and ? Conjuncts(and.Left).Concat(Conjuncts(and.Right)) : [node];
    }
}
