using DuckMart.Segments.Spec;
using DuckMart.Segments.Validation;

namespace DuckMart.Segments.Planning;

/// <summary>
/// A segment plan: a tree over sets of user IDs, with every time resolved against asOf, every saved segment
/// inlined, every negation pushed to a leaf and every shape rule applied. The renderer turns it into SQL
/// mechanically; <see cref="PlanText"/> prints it for the plan snapshots beside the SQL baselines.
/// </summary>
internal abstract record PlanNode;

/// <summary>All parts hold (an intersection of user sets).</summary>
internal sealed record AllOf(IReadOnlyList<PlanNode> Parts) : PlanNode;

/// <summary>At least one part holds (a union of user sets).</summary>
internal sealed record AnyOf(IReadOnlyList<PlanNode> Parts) : PlanNode;

/// <summary>
/// A test of one attribute of <c>users</c>, or its exact complement when <see cref="Negated"/> (the renderer
/// writes the complement out, NULLs included, rather than a SQL NOT: see <see cref="SegmentPlanner"/>).
/// </summary>
internal sealed record AttributeTest(AttributeCondition Condition, bool Negated) : PlanNode;

/// <summary>
/// The users in <see cref="Users"/>, or when <see cref="Excluded"/> every user not in it (an anti-join).
/// The set is read from <c>events</c> alone: every event's user is a loaded user (CONTRACT.md section 1).
/// </summary>
internal sealed record EventUsers(EventUserSet Users, bool Excluded) : PlanNode;

/// <summary>
/// The users of <see cref="Anchor"/> who pass every one of <see cref="Filters"/>, read from <c>events</c> alone, one
/// row per user: <c>SELECT user_id FROM events WHERE … AND user_id [NOT] IN (…) GROUP BY user_id</c>. Only ever the
/// root of a plan (<see cref="RootSets"/>): it needs no scan of <c>users</c>, because every event's user is a
/// loaded user (CONTRACT.md section 1). The filters are event sets and attribute tests, nothing else.
/// </summary>
internal sealed record FromEvents(EventUserSet Anchor, IReadOnlyList<PlanNode> Filters) : PlanNode;

/// <summary>
/// An all-of under an any-of read as one set of user IDs of its own: <c>user_id IN (SELECT user_id FROM users WHERE
/// …)</c>, so that its event sets are semi-joins restricted by its attribute tests rather than mark joins probed for
/// every user (<see cref="ProbedSets"/>).
/// </summary>
internal sealed record ConjunctionSet(AllOf Of) : PlanNode;

/// <summary>A set of user IDs read from the events table, each kind one SQL shape (rules in <see cref="SegmentPlanner"/>).</summary>
internal abstract record EventUserSet;

/// <summary>
/// Users with at least one event named <see cref="Name"/> (any name when null) in <see cref="Span"/>: a plain
/// semi-join list, or one row per user (<c>GROUP BY user_id</c>) when <see cref="OnePerUser"/>: the planner asks
/// for that where the list is probed for every user under an any-of (a mark join), see <see cref="SegmentPlanner"/>.
/// </summary>
internal sealed record DidInSpan(string? Name, EventSpan Span, bool OnePerUser = false) : EventUserSet;

/// <summary>
/// The users of <see cref="Of"/> who are in none of <see cref="Minus"/>: <c>… EXCEPT … EXCEPT …</c>, a set
/// difference of uncorrelated scans (one row per user, so it needs no grouping).
/// </summary>
internal sealed record Difference(EventUserSet Of, IReadOnlyList<EventUserSet> Minus) : EventUserSet;

/// <summary>Users whose count of such events passes <see cref="Test"/> (never true for 0): <c>GROUP BY user_id HAVING COUNT(*) …</c>.</summary>
internal sealed record CountPasses(string? Name, EventSpan Span, CountTest Test) : EventUserSet;

/// <summary>Users whose number of distinct calendar days (in the request's zone) with such events passes <see cref="Test"/>.</summary>
internal sealed record DistinctDaysPass(string? Name, EventSpan Span, CountTest Test) : EventUserSet;

/// <summary>Users whose first (or last, when <see cref="Last"/>) such event's time passes <see cref="Test"/>: MIN / MAX per user.</summary>
internal sealed record FirstOrLastPasses(string? Name, EventSpan Span, bool Last, TimeTest Test) : EventUserSet;

/// <summary>
/// Users with such an event in <see cref="Recent"/> and none in <see cref="Earlier"/> (no earlier set: none to
/// exclude): "first at or after v" without aggregating the whole window.
/// </summary>
internal sealed record FirstInRecent(string? Name, EventSpan Recent, EventSpan? Earlier) : EventUserSet;

/// <summary>Users who complete a multi-step sequence in <see cref="Span"/> (the range-join SQL of <c>SequenceSql</c>).</summary>
internal sealed record SequenceCompleted(SequenceCondition Sequence, EventSpan Span) : EventUserSet;

/// <summary>A comparison of a count: <c>Low &lt;= c &lt;= High</c> for between, else <c>c Op Low</c>.</summary>
internal sealed record CountTest(CountOp Op, long Low, long High = 0)
{
    /// <summary>The typed test of a spec's count measure (the planner's and the size plans' one reading of its operator).</summary>
    public static CountTest Of(CountMeasure measure)
    {
        if (measure.Op == "between")
        {
            var (low, high) = measure.Range;
            return new CountTest(CountOp.Between, low, high);
        }

        var op = measure.Op switch
        {
            "eq" => CountOp.Eq,
            "neq" => CountOp.Neq,
            "gt" => CountOp.Gt,
            "gte" => CountOp.Gte,
            "lt" => CountOp.Lt,
            "lte" => CountOp.Lte,
            _ => throw new SegmentException([new SpecError("", ErrorCodes.UnknownOperator, $"'{measure.Op}' is not a count operator.")]),
        };
        return new CountTest(op, measure.Single);
    }

    public bool Holds(long c) => Op switch
    {
        CountOp.Between => c >= Low && c <= High,
        CountOp.Eq => c == Low,
        CountOp.Neq => c != Low,
        CountOp.Gt => c > Low,
        CountOp.Gte => c >= Low,
        CountOp.Lt => c < Low,
        CountOp.Lte => c <= Low,
        CountOp.NotBetween => c < Low || c > High,
        _ => throw new NotSupportedException(Op.ToString()),
    };

    /// <summary>The test that holds exactly when this one fails.</summary>
    public CountTest Complement() => Op switch
    {
        CountOp.Between => this with { Op = CountOp.NotBetween },
        CountOp.NotBetween => this with { Op = CountOp.Between },
        CountOp.Eq => this with { Op = CountOp.Neq },
        CountOp.Neq => this with { Op = CountOp.Eq },
        CountOp.Gt => this with { Op = CountOp.Lte },
        CountOp.Lte => this with { Op = CountOp.Gt },
        CountOp.Gte => this with { Op = CountOp.Lt },
        CountOp.Lt => this with { Op = CountOp.Gte },
        _ => throw new NotSupportedException(Op.ToString()),
    };

    public override string ToString() => Op is CountOp.Between or CountOp.NotBetween
        ? $"{Op.ToString().ToLowerInvariant()} {Low}..{High}"
        : $"{Op.ToString().ToLowerInvariant()} {Low}";
}

internal enum CountOp
{
    Eq,
    Neq,
    Gt,
    Gte,
    Lt,
    Lte,
    Between,
    NotBetween,
}

/// <summary>A comparison of a resolved UTC time: before (t &lt; From), after (t &gt;= From), between (From &lt;= t &lt; To).</summary>
internal sealed record TimeTest(TimeOp Op, DateTime From, DateTime To = default);

internal enum TimeOp
{
    Before,
    After,
    Between,
}
