using System.Linq.Expressions;
using DuckMart.Domain;
using DuckMart.Segments.Planning;
using DuckMart.Segments.Spec;
using LinqToDB;
using LinqToDB.Mapping;

namespace DuckMart.Segments.Rendering;

/// <summary>
/// The render stage: a <see cref="PlanNode"/> as a predicate over <see cref="User"/> that linq2db renders as
/// DuckDB SQL. Mechanical on purpose: every choice of shape was made by <see cref="SegmentPlanner"/>, so each
/// plan node has exactly one rendering. Every value is read from a closure, which linq2db sends as a parameter.
/// </summary>
internal sealed class PlanRenderer(IDataContext db, EvaluationTime time, UserIdRange? range = null)
{
    private readonly ParameterExpression user = Expression.Parameter(typeof(User), "u");

    /// <summary>
    /// The events table, captured by the subquery lambdas so linq2db expands it. One instance per rendering:
    /// <c>GetTable</c> resolves the mapping each time, a sixth of the translation of an event-heavy spec.
    /// </summary>
    private IQueryable<Event>? events;

    private IQueryable<Event> Events => events ??= range is null
        ? db.GetTable<Event>()
        : db.GetTable<Event>().Where(e => e.UserId > range.After && e.UserId <= range.Through);

    /// <summary>
    /// The plan as a predicate over users; with <paramref name="range"/>, every scan of <c>events</c> reads only the
    /// events of users in it (see <see cref="UserIdRange"/>), so the predicate is exact only for those users.
    /// </summary>
    public static Expression<Func<User, bool>> Render(PlanNode plan, IDataContext db, EvaluationTime time, UserIdRange? range = null)
    {
        var renderer = new PlanRenderer(db, time, range);
        return renderer.Lambda(plan);
    }

    private Expression<Func<User, bool>> Lambda(PlanNode plan) => Expression.Lambda<Func<User, bool>>(RenderNode(plan), user);

    /// <summary>
    /// The segment's IDs when the planner read its root from <c>events</c> alone (<see cref="FromEvents"/>, the rule in
    /// <see cref="RootSets"/>); null for a plan read from <c>users</c>.
    /// </summary>
    public static IQueryable<long>? RootSet(PlanNode plan, IDataContext db, EvaluationTime time) =>
        plan is FromEvents root ? new PlanRenderer(db, time).RootIds(root) : null;

    private Expression RenderNode(PlanNode node) => node switch
    {
        AllOf all => Combine(all.Parts, Expression.AndAlso),
        AnyOf any => Combine(any.Parts, Expression.OrElse),
        AttributeTest attribute => Bind(AttributePredicates.For(attribute.Condition, time, attribute.Negated, db)),
        EventUsers users => Bind(Membership(UserIds(users.Users), users.Excluded)),
        ConjunctionSet set => Bind(Membership(Users.Where(new PlanRenderer(db, time, range).Lambda(set.Of)).Select(u => u.UserId), excluded: false)),
        FromEvents root => Bind(Membership(RootIds(root), excluded: false)),
        _ => throw new NotSupportedException($"No rendering for {node.GetType().Name}."),
    };

    private IQueryable<User> Users => db.GetTable<User>();

    /// <summary>
    /// <c>SELECT user_id FROM events WHERE &lt;anchor&gt; AND user_id [NOT] IN (…) GROUP BY user_id</c>; a lone set is
    /// its own IDs, one row per user. The attribute tests become one <c>user_id IN (SELECT user_id FROM users WHERE …)</c>.
    /// </summary>
    private IQueryable<long> RootIds(FromEvents root)
    {
        if (root.Filters.Count == 0)
        {
            return root.Anchor switch
            {
                DidInSpan did => OnePerUser(Events.Where(Filter(did.Name, did.Span))),
                SequenceCompleted sequence => Sequence(sequence).GroupBy(m => m.UserId).Where(g => g.LongCount() >= 1).Select(g => g.Key),
                var grouped => UserIds(grouped),
            };
        }

        if (root.Anchor is not DidInSpan anchor)
        {
            throw new NotSupportedException($"No rendering for a root anchored on {root.Anchor.GetType().Name}.");
        }

        var tests = new List<Expression<Func<long, bool>>>();
        foreach (var users in root.Filters.OfType<EventUsers>())
        {
            tests.Add(IdIn(UserIds(users.Users), users.Excluded));
        }

        var attributes = root.Filters.OfType<AttributeTest>().ToList<PlanNode>();
        if (attributes.Count > 0)
        {
            var kept = Users.Where(new PlanRenderer(db, time, range).Lambda(attributes.Count == 1 ? attributes[0] : new AllOf(attributes))).Select(u => u.UserId);
            tests.Add(id => kept.Contains(id));
        }

        return OnePerUser(Events.Where(Filter(anchor.Name, anchor.Span)).Where(Predicates.Compose<Event, long>(e => e.UserId, Predicates.All(tests))));
    }

    /// <summary>Balanced, so a wide and / or nests log2(n) deep (DuckDB refuses expressions deeper than 1,000).</summary>
    private Expression Combine(IReadOnlyList<PlanNode> parts, Func<Expression, Expression, BinaryExpression> join)
    {
        var rendered = parts.Select(RenderNode).ToList();
        return Predicates.Balanced(rendered, 0, rendered.Count, join);
    }

    private Expression Bind(Expression<Func<User, bool>> predicate) => Predicates.Inline(predicate, user);

    /// <summary><c>user_id IN (…)</c> or <c>NOT IN (…)</c>, both exact because <c>events.user_id</c> is NOT NULL.</summary>
    private static Expression<Func<User, bool>> Membership(IQueryable<long> ids, bool excluded) =>
        Predicates.Compose<User, long>(u => u.UserId, IdIn(ids, excluded));

    private static Expression<Func<long, bool>> IdIn(IQueryable<long> ids, bool excluded) =>
        excluded ? id => !ids.Contains(id) : id => ids.Contains(id);

    private IQueryable<long> UserIds(EventUserSet set) => set switch
    {
        DidInSpan { OnePerUser: true } did => OnePerUser(Events.Where(Filter(did.Name, did.Span))),
        DidInSpan did => Events.Where(Filter(did.Name, did.Span)).Select(e => e.UserId),
        Difference difference => difference.Minus.Aggregate(UserIds(difference.Of), (ids, minus) => ids.Except(UserIds(minus))),
        CountPasses count => Events.Where(Filter(count.Name, count.Span)).GroupBy(e => e.UserId)
            .Where(Predicates.Compose<IGrouping<long, Event>, long>(g => g.LongCount(), CountExpression(count.Test))).Select(g => g.Key),
        DistinctDaysPass days => DaysOf(Events.Where(Filter(days.Name, days.Span)), days.Span).GroupBy(d => d.UserId)
            .Where(Predicates.Compose<IGrouping<long, UserDay>, long>(g => g.LongCount(), CountExpression(days.Test))).Select(g => g.Key),
        FirstOrLastPasses { Last: false } first => Events.Where(Filter(first.Name, first.Span)).GroupBy(e => e.UserId)
            .Where(Predicates.Compose<IGrouping<long, Event>, DateTime>(g => g.Min(e => e.Timestamp), TimeExpression(first.Test))).Select(g => g.Key),
        FirstOrLastPasses last => Events.Where(Filter(last.Name, last.Span)).GroupBy(e => e.UserId)
            .Where(Predicates.Compose<IGrouping<long, Event>, DateTime>(g => g.Max(e => e.Timestamp), TimeExpression(last.Test))).Select(g => g.Key),
        FirstInRecent first => FirstInRecentIds(first),
        SequenceCompleted sequence => Sequence(sequence).Select(m => m.UserId),
        _ => throw new NotSupportedException($"No rendering for {set.GetType().Name}."),
    };

    private IQueryable<SequenceMatch> Sequence(SequenceCompleted sequence) =>
        db.FromSql<SequenceMatch>(SequenceSql.For(sequence.Sequence, sequence.Span, time.AsOfUtc, range));

    /// <summary>
    /// "Did it in the recent span and not in the earlier one" as <c>IN (SELECT user_id FROM events WHERE … [earlier
    /// start, recent end) … AND user_id IN (&lt;recent IDs&gt;) GROUP BY user_id HAVING MIN(timestamp) &gt;= $earlierEnd)</c>:
    /// the first event from the earlier span's start on lies in the recent span. The inner IN is not for the answer
    /// (the MIN alone decides) but for the plan: it keeps only the few recent users' groups (08: median 19-20 ms against 35-37
    /// for the bare MIN). It replaced a correlated <c>NOT EXISTS (… earlier …)</c>, as fast (medians 20-23 ms) but the only
    /// shape in every rare wrong answer RecognizerDifferentialTests caught from DuckDB 1.5 in one process (docs/engine.md).
    /// The GROUP BY of the recent IDs is for the plan too; see <see cref="OnePerUser"/>.
    /// </summary>
    private IQueryable<long> FirstInRecentIds(FirstInRecent first)
    {
        var recent = OnePerUser(Events.Where(Filter(first.Name, first.Recent)));
        if (first.Earlier is not { } earlier)
        {
            return recent;
        }

        var notBefore = earlier.Before;
        return Events.Where(Filter(first.Name, new EventSpan(earlier.From, first.Recent.Before)))
            .Where(e => recent.Contains(e.UserId))
            .GroupBy(e => e.UserId)
            .Where(g => g.Min(e => e.Timestamp) >= notBefore)
            .Select(g => g.Key);
    }

    /// <summary>
    /// <c>SELECT user_id … GROUP BY user_id HAVING COUNT(*) &gt;= 1</c>: the always-true HAVING keeps linq2db from
    /// writing <c>SELECT DISTINCT</c>, which DuckDB planned like the plain list (81 ms CPU against 37 on 08).
    /// </summary>
    private static IQueryable<long> OnePerUser(IQueryable<Event> rows) =>
        rows.GroupBy(e => e.UserId).Where(g => g.LongCount() >= 1).Select(g => g.Key);

    /// <summary>Name and window: <c>event_name = $eventName AND timestamp >= $from AND timestamp &lt; $before</c>.</summary>
    private static Expression<Func<Event, bool>> Filter(string? name, EventSpan span)
    {
        var parts = new List<Expression<Func<Event, bool>>>();
        if (name is not null)
        {
            var eventName = name;
            parts.Add(e => e.EventName == eventName);
        }

        if (span.From is { } from)
        {
            parts.Add(e => e.Timestamp >= from);
        }

        var before = span.Before;
        parts.Add(e => e.Timestamp < before);
        return Predicates.All(parts);
    }

    /// <summary>
    /// One row per user and calendar day (in the request's zone) on which the user did it. UTC is a plain cast;
    /// a window with a start becomes arithmetic on the zone's offsets in that window (<see cref="ZoneOffsets"/>);
    /// an open-ended window falls back to DuckDB's ICU <c>timezone()</c>.
    /// </summary>
    private IQueryable<UserDay> DaysOf(IQueryable<Event> rows, EventSpan span)
    {
        if (time.IsUtc)
        {
            return rows.Select(e => new UserDay { UserId = e.UserId, Day = DuckDbFunctions.UtcDate(e.Timestamp) }).Distinct();
        }

        if (span.From is { } from && from < span.Before && ZoneOffsets.Over(time.Zone, from, span.Before) is { } offset)
        {
            var e = Expression.Parameter(typeof(Event), "e");
            var timestamp = Expression.Property(e, nameof(Event.Timestamp));
            var shifted = Expression.Call(typeof(DuckDbFunctions).GetMethod(nameof(DuckDbFunctions.ShiftedDate))!, timestamp, Predicates.Inline(offset, timestamp));
            var row = Expression.MemberInit(
                Expression.New(typeof(UserDay)),
                Expression.Bind(typeof(UserDay).GetProperty(nameof(UserDay.UserId))!, Expression.Property(e, nameof(Event.UserId))),
                Expression.Bind(typeof(UserDay).GetProperty(nameof(UserDay.Day))!, shifted));
            return rows.Select(Expression.Lambda<Func<Event, UserDay>>(row, e)).Distinct();
        }

        var zone = time.ZoneId;
        return rows.Select(e => new UserDay { UserId = e.UserId, Day = DuckDbFunctions.LocalDate(e.Timestamp, zone) }).Distinct();
    }

    private static Expression<Func<long, bool>> CountExpression(CountTest test)
    {
        var (low, high) = (test.Low, test.High);
        var count = test.Low;
        return test.Op switch
        {
            CountOp.Between => c => c >= low && c <= high,
            CountOp.NotBetween => c => c < low || c > high,
            CountOp.Eq => c => c == count,
            CountOp.Neq => c => c != count,
            CountOp.Gt => c => c > count,
            CountOp.Gte => c => c >= count,
            CountOp.Lt => c => c < count,
            CountOp.Lte => c => c <= count,
            _ => throw new NotSupportedException(test.Op.ToString()),
        };
    }

    /// <summary>before (t &lt; v), after (t &gt;= v), between (v0 &lt;= t &lt; v1).</summary>
    private static Expression<Func<DateTime, bool>> TimeExpression(TimeTest test)
    {
        var (from, to) = (test.From, test.To);
        var before = test.From;
        var after = test.From;
        return test.Op switch
        {
            TimeOp.Before => t => t < before,
            TimeOp.After => t => t >= after,
            TimeOp.Between => t => t >= from && t < to,
            _ => throw new NotSupportedException(test.Op.ToString()),
        };
    }

    /// <summary>A user and a calendar day: the rows distinctDays counts.</summary>
    internal sealed class UserDay
    {
        public long UserId { get; set; }

        public DateOnly Day { get; set; }
    }

    /// <summary>The single column the sequence SQL returns.</summary>
    internal sealed class SequenceMatch
    {
        [Column("user_id")]
        public long UserId { get; set; }
    }
}
