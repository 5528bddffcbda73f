using System.Linq.Expressions;
using DuckMart.Domain;
using DuckMart.Segments.Spec;
using DuckMart.Segments.Validation;
using LinqToDB;
using LinqToDB.Mapping;

namespace DuckMart.Segments.Translation;

/// <summary>
/// The SQL shapes of event and sequence conditions, chosen for speed on DuckDB (numbers in FACTS.md, 1M users,
/// 50M events) and kept in this one place. Every shape is an uncorrelated <c>user_id [NOT] IN (SELECT user_id …)</c>:
/// <list type="bullet">
/// <item>"did it at least once": a plain semi-join <c>IN (SELECT user_id FROM events WHERE …)</c>; DuckDB runs it
/// as a hash semi-join, faster than a correlated EXISTS (31 ms against 48-56 ms).</item>
/// <item>"count op N": <c>IN (SELECT user_id … GROUP BY user_id HAVING COUNT(*) op N)</c>, 10x faster than a
/// correlated <c>(SELECT COUNT(*) …) op N</c> (5-17 ms against 130-260 ms). A user with no events has count 0 and
/// is in no group, so when 0 satisfies the test the shape flips to <c>NOT IN (… HAVING NOT (COUNT(*) op N))</c>.</item>
/// <item>"did not do it" (count eq 0): <c>NOT IN (SELECT user_id FROM events WHERE …)</c>, an anti-join; with another
/// condition it plans like EXCEPT (120-200 ms against 400-1,000 ms for two correlated EXISTS). events.user_id is
/// NOT NULL, so NOT IN never meets NOT IN's NULL trap and the result is always TRUE or FALSE.</item>
/// <item>first after / between: recent events with no earlier one, <see cref="FirstFrom"/>.</item>
/// <item>sequences: raw SQL, a chain of range SEMI joins and an ANTI join for an absent step (<see cref="SequenceSql"/>).</item>
/// </list>
/// </summary>
internal static class EventShapes
{
    public static UserSet For(EventCondition condition, TranslationContext context)
    {
        var span = EventSpan.Resolve(condition.Window, context.Time);
        var events = context.Events.Where(Filter(condition.Name, span));

        if (condition.First is { Op: "after" or "between" } firstFrom)
        {
            return FirstFrom(condition.Name, span, firstFrom, context);
        }

        if (condition.First is { } first)
        {
            return InUsers(events.GroupBy(e => e.UserId).Where(Predicates.Compose<IGrouping<long, Event>, DateTime>(g => g.Min(e => e.Timestamp), TimeTest(first, context.Time))).Select(g => g.Key));
        }

        if (condition.Last is { } last)
        {
            return InUsers(events.GroupBy(e => e.UserId).Where(Predicates.Compose<IGrouping<long, Event>, DateTime>(g => g.Max(e => e.Timestamp), TimeTest(last, context.Time))).Select(g => g.Key));
        }

        if (condition.DistinctDays is { } days)
        {
            var perDay = DaysOf(events, context.Time, span);
            return ByCount(days, events, test => perDay.GroupBy(d => d.UserId).Where(Predicates.Compose<IGrouping<long, UserDay>, long>(g => g.LongCount(), test)).Select(g => g.Key));
        }

        var count = condition.Count ?? new CountMeasure("gte", System.Text.Json.JsonSerializer.SerializeToElement(1));
        return ByCount(count, events, test => events.GroupBy(e => e.UserId).Where(Predicates.Compose<IGrouping<long, Event>, long>(g => g.LongCount(), test)).Select(g => g.Key));
    }

    public static UserSet ForSequence(SequenceCondition sequence, TranslationContext context)
    {
        var span = EventSpan.Resolve(sequence.Window, context.Time);
        if (sequence.Steps is [{ Absent: true } only])
        {
            // No steps before the absent one, so no chain to follow: "no such event in the window" (docs/engine.md).
            return NotInUsers(context.Events.Where(Filter(only.Name, span)).Select(e => e.UserId));
        }

        if (sequence.Steps is [{ Absent: false } single])
        {
            return InUsers(context.Events.Where(Filter(single.Name, span)).Select(e => e.UserId));
        }

        var ids = context.DataContext.FromSql<SequenceMatch>(SequenceSql.For(sequence, span, context.Time.AsOfUtc)).Select(m => m.UserId);
        return InUsers(ids);
    }

    /// <summary>
    /// "First such event in the window at or after v" (<c>after</c>, and <c>between</c> with its upper bound) as
    /// "did it in [max(from, v), before) and not in [from, v)":
    /// <c>IN (SELECT user_id FROM events WHERE … recent … AND NOT EXISTS (… earlier …) GROUP BY user_id)</c>.
    /// Why not <c>GROUP BY user_id HAVING MIN(timestamp) &gt;= v</c>: that aggregates every event of the window (for
    /// 08, every purchase ever), where this reads the few recent ones and an anti-join on the sorted events.
    /// The GROUP BY is not for the answer (IN ignores repeats) but for the plan: with it DuckDB builds the
    /// semi-join's hash table on the few IDs and prunes the users scan; without it, it built the table on all
    /// 1M users. 08 on 1M users: 37 ms CPU against 74 (hand-written NOT EXISTS, no users table: 35); without
    /// the GROUP BY 85-93. Only for <c>first</c> after/between: the same idea for <c>last before</c> (09) reads
    /// almost every event and measured slower (787 ms CPU against 485), so <c>last</c> keeps MAX.
    /// </summary>
    private static UserSet FirstFrom(string? name, EventSpan span, TimeMeasure measure, TranslationContext context)
    {
        var (low, high) = measure.Op == "between"
            ? (measure.Range.From.Resolve(context.Time), measure.Range.To.Resolve(context.Time))
            : (measure.Single.Resolve(context.Time), span.Before);
        var recent = context.Events.Where(Filter(name, new EventSpan(span.From is { } f && f > low ? f : low, high < span.Before ? high : span.Before)));
        if (span.From is { } from && low <= from)
        {
            // Nothing in the window is earlier than v: the first one is at or after v whenever there is one.
            return InUsers(Grouped(recent));
        }

        var earlier = context.Events.Where(Filter(name, new EventSpan(span.From, low < span.Before ? low : span.Before)));
        return InUsers(Grouped(recent.Where(e => !earlier.Any(o => o.UserId == e.UserId))));
    }

    /// <summary>
    /// The users of <paramref name="events"/> as <c>GROUP BY user_id HAVING COUNT(*) &gt;= 1</c>. The HAVING is always
    /// true; it is there because without it linq2db writes <c>SELECT DISTINCT</c>, and DuckDB planned DISTINCT like
    /// the plain list (hash table on all users: 81 ms CPU on 08 against 35-39 with GROUP BY).
    /// </summary>
    private static IQueryable<long> Grouped(IQueryable<Event> events) =>
        events.GroupBy(e => e.UserId).Where(g => g.LongCount() >= 1).Select(g => g.Key);

    /// <summary>Name and window: <c>event_name = $eventName AND timestamp >= $from AND timestamp &lt; $before</c>.</summary>
    public static Expression<Func<Event, bool>> Filter(string? name, EventSpan span)
    {
        var parts = new List<Expression<Func<Event, bool>>>();
        if (name is not null)
        {
            var eventName = EventNames.Normalize(name);
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
    /// "count op N" as IN or NOT IN of grouped users, depending on whether a user with no events (count 0)
    /// satisfies it; the two common cases need no GROUP BY at all.
    /// </summary>
    private static UserSet ByCount(CountMeasure measure, IQueryable<Event> events, Func<Expression<Func<long, bool>>, IQueryable<long>> usersWhoseCount)
    {
        var test = CountTest(measure);
        if (!CountHolds(measure, 0))
        {
            return EveryPositiveCountHolds(measure)
                ? InUsers(events.Select(e => e.UserId))
                : InUsers(usersWhoseCount(test));
        }

        if (NoPositiveCountHolds(measure))
        {
            return NotInUsers(events.Select(e => e.UserId));
        }

        var fails = Expression.Lambda<Func<long, bool>>(Expression.Not(test.Body), test.Parameters);
        return NotInUsers(usersWhoseCount(fails));
    }

    private static UserSet InUsers(IQueryable<long> userIds) => new(userIds, Excluded: false);

    private static UserSet NotInUsers(IQueryable<long> userIds) => new(userIds, Excluded: true);

    /// <summary>
    /// The users an event condition selects: those in <see cref="UserIds"/>, or when <see cref="Excluded"/> those
    /// not in it. Negating flips IN and NOT IN, both exact because <c>events.user_id</c> is NOT NULL.
    /// </summary>
    internal sealed record UserSet(IQueryable<long> UserIds, bool Excluded)
    {
        public Expression<Func<User, bool>> Apply(bool negated)
        {
            var ids = UserIds;
            return Excluded != negated ? u => !ids.Contains(u.UserId) : u => ids.Contains(u.UserId);
        }
    }

    /// <summary>
    /// One row per user and calendar day (in the request's zone) on which the user did it. UTC is a plain cast;
    /// a window with a start becomes arithmetic on the zone's offsets in that window (<see cref="ZoneOffsets"/>);
    /// an open-ended window falls back to DuckDB's ICU <c>timezone()</c>.
    /// </summary>
    private static IQueryable<UserDay> DaysOf(IQueryable<Event> events, EvaluationTime time, EventSpan span)
    {
        if (time.IsUtc)
        {
            return events.Select(e => new UserDay { UserId = e.UserId, Day = DuckDbFunctions.UtcDate(e.Timestamp) }).Distinct();
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
            return events.Select(Expression.Lambda<Func<Event, UserDay>>(row, e)).Distinct();
        }

        var zone = time.ZoneId;
        return events.Select(e => new UserDay { UserId = e.UserId, Day = DuckDbFunctions.LocalDate(e.Timestamp, zone) }).Distinct();
    }

    private static Expression<Func<long, bool>> CountTest(CountMeasure measure)
    {
        if (measure.Op == "between")
        {
            var (low, high) = measure.Range;
            return c => c >= low && c <= high;
        }

        var count = measure.Single;
        return measure.Op switch
        {
            "eq" => c => c == count,
            "neq" => c => c != count,
            "gt" => c => c > count,
            "gte" => c => c >= count,
            "lt" => c => c < count,
            "lte" => c => c <= count,
            _ => throw new SegmentException([new SpecError("", ErrorCodes.UnknownOperator, $"'{measure.Op}' is not a count operator.")]),
        };
    }

    /// <summary>The same test in .NET, to decide the shape (never to filter rows).</summary>
    private static bool CountHolds(CountMeasure measure, long c) => measure.Op switch
    {
        "between" => c >= measure.Range.Low && c <= measure.Range.High,
        "eq" => c == measure.Single,
        "neq" => c != measure.Single,
        "gt" => c > measure.Single,
        "gte" => c >= measure.Single,
        "lt" => c < measure.Single,
        "lte" => c <= measure.Single,
        _ => false,
    };

    private static bool EveryPositiveCountHolds(CountMeasure m) =>
        (m.Op == "gte" && m.Single <= 1) || (m.Op == "gt" && m.Single <= 0) || (m.Op == "neq" && m.Single <= 0)
        || (m.Op == "between" && m.Range.Low <= 1 && m.Range.High == long.MaxValue);

    private static bool NoPositiveCountHolds(CountMeasure m) =>
        (m.Op == "eq" && m.Single <= 0) || (m.Op == "lte" && m.Single <= 0) || (m.Op == "lt" && m.Single <= 1)
        || (m.Op == "between" && m.Range.High <= 0);

    /// <summary>before (t &lt; v), after (t &gt;= v), between (v0 &lt;= t &lt; v1).</summary>
    private static Expression<Func<DateTime, bool>> TimeTest(TimeMeasure measure, EvaluationTime time)
    {
        switch (measure.Op)
        {
            case "before":
                var before = measure.Single.Resolve(time);
                return t => t < before;
            case "after":
                var after = measure.Single.Resolve(time);
                return t => t >= after;
            case "between":
                var from = measure.Range.From.Resolve(time);
                var to = measure.Range.To.Resolve(time);
                return t => t >= from && t < to;
            default:
                throw new SegmentException([new SpecError("", ErrorCodes.UnknownOperator, $"'{measure.Op}' is not a time operator.")]);
        }
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
