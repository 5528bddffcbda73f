using DuckMart.Domain;
using DuckMart.Segments.Saved;
using DuckMart.Segments.Spec;
using DuckMart.Segments.Validation;

namespace DuckMart.Segments.Planning;

/// <summary>
/// The plan stage (parse -> validate -> <b>plan</b> -> render): turns a validated condition into a
/// <see cref="PlanNode"/> tree. It resolves every window and time point against asOf, inlines saved segments
/// (once each, refusing cycles), pushes every <c>not</c> down to the leaves and chooses each event condition's
/// set shape. The numbers behind the shapes are in docs/engine.md and FACTS.md (1M users, 50M events):
/// <list type="bullet">
/// <item>"did it at least once" is the plain ID list of the matching events (a hash semi-join, 31 ms against
/// 48-56 ms for a correlated EXISTS).</item>
/// <item>"count op N" is <c>GROUP BY user_id HAVING COUNT(*) op N</c> (5-17 ms against 130-260 ms for a correlated
/// count). A user with no events has count 0 and is in no group, so when 0 passes the test the set is the users
/// whose count <i>fails</i> it, excluded: <c>count eq 0</c> and <c>lt 1</c> become an anti-join on the plain list,
/// <c>lt N</c> an anti-join on <c>HAVING COUNT(*) &gt;= N</c> (the EXCEPT-like shape, 120-200 ms against 400-1,000 ms).</item>
/// <item>"first at or after v" reads the recent events and anti-joins the earlier ones rather than aggregating
/// the window (08: 37 ms CPU against 74); <c>last</c> keeps MAX (the same idea measured slower, 787 ms against 485).</item>
/// </list>
/// Why negation goes to the leaves: logic is two-valued (CONTRACT.md section 3) but SQL's is three-valued, and
/// linq2db simplifies <c>x IS NOT NULL AND x = $v</c> to <c>x = $v</c> before wrapping it in NOT, which makes
/// <c>not eq</c> NULL, not TRUE, for a NULL attribute. With negations only at the leaves every leaf is written as
/// its own exact complement (<c>x IS NULL OR x &lt;&gt; $v</c>, an excluded set) and above them there are only
/// all-of and any-of, where "NULL counts as false" agrees with two-valued logic.
/// </summary>
internal sealed class SegmentPlanner(ISavedSegments saved, EvaluationTime time)
{
    private readonly SavedSegmentGraph references = new(saved);

    public static PlanNode Plan(Condition where, EvaluationTime time, ISavedSegments saved) =>
        ProbedSets.Shape(new SegmentPlanner(saved, time).PlanCondition(where, negated: false));

    private PlanNode PlanCondition(Condition condition, bool negated) => condition switch
    {
        AndCondition and => Combine(and.Of, negated, all: !negated),
        OrCondition or => Combine(or.Of, negated, all: negated),
        NotCondition not => PlanCondition(not.Of, !negated),
        AttributeCondition attribute => new AttributeTest(attribute, negated),
        EventCondition @event => Flip(PlanEvent(@event), negated),
        SequenceCondition sequence => Flip(PlanSequence(sequence), negated),
        SegmentCondition segment => PlanSegment(segment, negated),
        _ => throw new NotSupportedException($"No plan for {condition.GetType().Name}."),
    };

    /// <summary>AND (or a negated OR, by De Morgan) is all-of; OR (or a negated AND) any-of. One part needs no node.</summary>
    private PlanNode Combine(IReadOnlyList<Condition> of, bool negated, bool all)
    {
        var parts = DistinctConditions.Of(of).Select(c => PlanCondition(c, negated)).ToList();
        if (parts.Count == 1)
        {
            return parts[0];
        }

        return all ? new AllOf(parts) : new AnyOf(parts);
    }

    private static EventUsers Flip(EventUsers users, bool negated) => negated ? users with { Excluded = !users.Excluded } : users;

    /// <summary>
    /// Inlines the saved condition, evaluated at this request's asOf and zone. Validation refuses cycles, unknown ids
    /// and chains too deep; following through the same graph here is the last line of defence for any
    /// <see cref="ISavedSegments"/> (a LINQ caller's dictionary too), because inlining a cycle would never end.
    /// </summary>
    private PlanNode PlanSegment(SegmentCondition segment, bool negated) =>
        references.Follow(segment.Id, where => PlanCondition(where, negated));

    private EventUsers PlanEvent(EventCondition condition)
    {
        var name = condition.Name is null ? null : EventNames.Normalize(condition.Name);
        var span = EventSpan.Resolve(condition.Window, time);

        if (condition.First is { Op: "after" or "between" } firstFrom)
        {
            return Included(FirstFrom(name, span, firstFrom));
        }

        if (condition.First is { } first)
        {
            return Included(new FirstOrLastPasses(name, span, Last: false, Resolve(first)));
        }

        if (condition.Last is { } last)
        {
            return Included(new FirstOrLastPasses(name, span, Last: true, Resolve(last)));
        }

        if (condition.DistinctDays is { } days)
        {
            // A user has at least one such day exactly when at least one such event: the simple cases need no days.
            return ByCount(CountTest.Of(days), name, span, test => new DistinctDaysPass(name, span, test));
        }

        return ByCount(condition.Count is { } count ? CountTest.Of(count) : new CountTest(CountOp.Gte, 1), name, span, test => new CountPasses(name, span, test));
    }

    private EventUsers PlanSequence(SequenceCondition sequence)
    {
        var span = EventSpan.Resolve(sequence.Window, time);
        return sequence.Steps switch
        {
            // No steps before the absent one, so no chain to follow: "no such event in the window" (docs/engine.md).
            [{ Absent: true } only] => new EventUsers(new DidInSpan(EventNames.Normalize(only.Name), span), Excluded: true),
            [{ Absent: false } single] => Included(new DidInSpan(EventNames.Normalize(single.Name), span)),
            _ => Included(new SequenceCompleted(sequence, span)),
        };
    }

    /// <summary>"count op N" as the users whose count passes (0 fails) or, excluded, those whose count fails (0 passes).</summary>
    private static EventUsers ByCount(CountTest test, string? name, EventSpan span, Func<CountTest, EventUserSet> grouped)
    {
        if (!test.Holds(0))
        {
            return Included(EveryPositiveCountHolds(test) ? new DidInSpan(name, span) : grouped(test));
        }

        return NoPositiveCountHolds(test)
            ? new EventUsers(new DidInSpan(name, span), Excluded: true)
            : new EventUsers(grouped(test.Complement()), Excluded: true);
    }

    private static bool EveryPositiveCountHolds(CountTest t) => t.Op switch
    {
        CountOp.Gte => t.Low <= 1,
        CountOp.Gt or CountOp.Neq => t.Low <= 0,
        CountOp.Between => t.Low <= 1 && t.High == long.MaxValue,
        _ => false,
    };

    private static bool NoPositiveCountHolds(CountTest t) => t.Op switch
    {
        CountOp.Eq or CountOp.Lte => t.Low <= 0,
        CountOp.Lt => t.Low <= 1,
        CountOp.Between => t.High <= 0,
        _ => false,
    };

    /// <summary>
    /// "First such event in the window at or after v" (<c>after</c>, and <c>between</c> with its upper bound) as
    /// "did it in [max(from, v), min(to, before)) and not in [from, v)". When nothing in the window is earlier
    /// than v, the first one is at or after v whenever there is one, and there is nothing to exclude.
    /// </summary>
    private FirstInRecent FirstFrom(string? name, EventSpan span, TimeMeasure measure)
    {
        var (low, high) = measure.Op == "between"
            ? (measure.Range.From.Resolve(time), measure.Range.To.Resolve(time))
            : (measure.Single.Resolve(time), span.Before);
        var recent = new EventSpan(span.From is { } f && f > low ? f : low, high < span.Before ? high : span.Before);
        if (span.From is { } from && low <= from)
        {
            return new FirstInRecent(name, recent, Earlier: null);
        }

        return new FirstInRecent(name, recent, new EventSpan(span.From, low < span.Before ? low : span.Before));
    }

    private static EventUsers Included(EventUserSet users) => new(users, Excluded: false);

    private TimeTest Resolve(TimeMeasure measure) => measure.Op switch
    {
        "before" => new TimeTest(TimeOp.Before, measure.Single.Resolve(time)),
        "after" => new TimeTest(TimeOp.After, measure.Single.Resolve(time)),
        "between" => new TimeTest(TimeOp.Between, measure.Range.From.Resolve(time), measure.Range.To.Resolve(time)),
        _ => throw new SegmentException([new SpecError("", ErrorCodes.UnknownOperator, $"'{measure.Op}' is not a time operator.")]),
    };
}
