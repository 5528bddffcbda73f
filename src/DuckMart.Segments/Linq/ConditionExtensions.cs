using DuckMart.Segments.Spec;

namespace DuckMart.Segments.Linq;

/// <summary>Logic and event refinements on conditions, so built specs read left to right.</summary>
public static class ConditionExtensions
{
    /// <summary>Both; an existing <c>and</c> on the left is extended rather than nested.</summary>
    public static Condition And(this Condition left, Condition right) =>
        left is AndCondition and ? new AndCondition([.. and.Of, right]) : new AndCondition([left, right]);

    /// <summary>Either; an existing <c>or</c> on the left is extended rather than nested.</summary>
    public static Condition Or(this Condition left, Condition right) =>
        left is OrCondition or ? new OrCondition([.. or.Of, right]) : new OrCondition([left, right]);

    public static Condition Not(this Condition condition) => new NotCondition(condition);

    /// <summary>Events in the last <paramref name="duration"/> before asOf (ISO 8601, for example P30D).</summary>
    public static EventCondition InLast(this EventCondition e, string duration) => e with { Window = new EventWindow(Last: IsoDuration.Parse(duration)) };

    /// <summary>Events in [<paramref name="from"/>, <paramref name="to"/>): instants, dates or relative times (-P7D).</summary>
    public static EventCondition Between(this EventCondition e, string? from, string? to) =>
        e with { Window = new EventWindow(From: from is null ? null : TimePoint.Parse(from), To: to is null ? null : TimePoint.Parse(to)) };

    /// <summary>The number of events compared: eq neq gt gte lt lte.</summary>
    public static EventCondition Count(this EventCondition e, string op, long value) => e with { Count = new CountMeasure(op, Conditions.Json(value)) };

    /// <summary><paramref name="low"/> &lt;= count &lt;= <paramref name="high"/>.</summary>
    public static EventCondition CountBetween(this EventCondition e, long low, long high) => e with { Count = new CountMeasure("between", Conditions.Json(new[] { low, high })) };

    public static EventCondition AtLeast(this EventCondition e, long times) => e.Count("gte", times);

    /// <summary>Did not do it (in the window): count eq 0, true for users with no events.</summary>
    public static EventCondition Never(this EventCondition e) => e.Count("eq", 0);

    public static EventCondition DistinctDays(this EventCondition e, string op, long days) => e with { DistinctDays = new CountMeasure(op, Conditions.Json(days)) };

    /// <summary>The first such event compared: before, after (a time point).</summary>
    public static EventCondition First(this EventCondition e, string op, string time) => e with { First = new TimeMeasure(op, Conditions.Json(time)) };

    /// <summary>The last such event compared: before, after (a time point).</summary>
    public static EventCondition Last(this EventCondition e, string op, string time) => e with { Last = new TimeMeasure(op, Conditions.Json(time)) };
}
