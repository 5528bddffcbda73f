using DuckMart.Data.ClickHouse;
using DuckMart.Segments.Planning;
using DuckMart.Segments.Spec;

namespace DuckMart.Segments.Rendering.ClickHouse;

/// <summary>
/// The render stage for a ClickHouse cluster: the same <see cref="PlanNode"/> tree <see cref="PlanRenderer"/> turns
/// into DuckDB SQL, here as the text of a predicate over the Distributed <c>users</c> table. Mechanical like its
/// DuckDB twin: one rendering per plan node, and a plan node it does not know is an error, never a guess.
/// <para>
/// Written as text rather than through linq2db's ClickHouse dialect: the shapes 18.16 needs (arrays and lambdas
/// for sequences, <c>assumeNotNull</c> guards, the shard-local table inside a Distributed query) are not ones
/// linq2db writes, and with every value a literal the escaping must be one function we own and fuzz
/// (<see cref="ClickHouseLiteral"/>). Everything written here runs on 18.16 and on a current ClickHouse.
/// </para>
/// </summary>
internal sealed class ClickHousePlanRenderer(EvaluationTime time, ClickHouseDistribution distribution, string? database)
{
    /// <summary>The Distributed table the outer query reads; each shard runs it over its own <c>users_local</c>.</summary>
    public static string UsersTable(string? database) => Qualified(database, "users");

    // Qualified when the URL names a database: a shard resolves a bare name in its own default database.
    private string EventsTable => Qualified(database, distribution == ClickHouseDistribution.ShardLocal ? ClickHouseSchema.EventsLocal : "events");

    private static string Qualified(string? database, string table) => database is null ? table : $"{database}.{table}";

    private string Membership(bool excluded) => (distribution, excluded) switch
    {
        (ClickHouseDistribution.ShardLocal, false) => "IN",
        (ClickHouseDistribution.ShardLocal, true) => "NOT IN",
        (_, false) => "GLOBAL IN",
        _ => "GLOBAL NOT IN",
    };

    /// <summary><paramref name="database"/> is a plain identifier (<see cref="ClickHouseHttp.Database"/> checks it) or null.</summary>
    public static string Render(PlanNode plan, EvaluationTime time, ClickHouseDistribution distribution, string? database) =>
        new ClickHousePlanRenderer(time, distribution, database).RenderNode(plan);

    private string RenderNode(PlanNode node) => node switch
    {
        AllOf all => "(" + string.Join(" AND ", all.Parts.Select(RenderNode)) + ")",
        AnyOf any => "(" + string.Join(" OR ", any.Parts.Select(RenderNode)) + ")",
        AttributeTest attribute => ClickHouseAttributeSql.For(attribute.Condition, time, attribute.Negated),
        EventUsers users => $"user_id {Membership(users.Excluded)} ({UserIds(users.Users)})",
        // DuckDB's restricted conjunction; here the plain uncorrelated IN form, the one ClickHouse runs well.
        ConjunctionSet set => RenderNode(set.Of),
        _ => throw NotSupported(node.GetType().Name),
    };

    /// <summary>One SELECT of user IDs per kind of set, over the events (shard-local or Distributed).</summary>
    private string UserIds(EventUserSet set) => set switch
    {
        // One row per user or not: ClickHouse's IN builds a set of distinct IDs either way.
        DidInSpan did => $"SELECT user_id FROM {EventsTable} WHERE {Filter(did.Name, did.Span)}",
        // 18.16 has no EXCEPT: the difference as NOT IN filters over the first set.
        Difference difference => $"SELECT user_id FROM ({UserIds(difference.Of)}) WHERE "
            + string.Join(" AND ", difference.Minus.Select(m => $"user_id {Membership(excluded: true)} ({UserIds(m)})")),
        CountPasses count => Grouped(count.Name, count.Span, Count("count()", count.Test)),
        DistinctDaysPass days => Grouped(days.Name, days.Span, Count($"uniqExact(toDate(timestamp, {ClickHouseLiteral.String(time.ZoneId)}))", days.Test)),
        FirstOrLastPasses first => Grouped(first.Name, first.Span, Time($"{(first.Last ? "max" : "min")}{ClickHouseTime.EventMicros}", first.Test)),
        FirstInRecent first => FirstInRecentIds(first),
        SequenceCompleted sequence => ClickHouseSequenceSql.For(sequence.Sequence, sequence.Span, time.AsOfUtc, EventsTable),
        _ => throw NotSupported(set.GetType().Name),
    };

    private string Grouped(string? name, EventSpan span, string having) =>
        $"SELECT user_id FROM {EventsTable} WHERE {Filter(name, span)} GROUP BY user_id HAVING {having}";

    /// <summary>Did it in the recent span and not in the earlier one: an uncorrelated NOT IN, as 18.16 has no correlated subqueries.</summary>
    private string FirstInRecentIds(FirstInRecent first)
    {
        var recent = $"SELECT user_id FROM {EventsTable} WHERE {Filter(first.Name, first.Recent)}";
        return first.Earlier is { } earlier
            ? $"{recent} AND user_id {Membership(excluded: true)} (SELECT user_id FROM {EventsTable} WHERE {Filter(first.Name, earlier)})"
            : recent;
    }

    /// <summary>Name and window: <c>event_name = 'X' AND t &gt;= from AND t &lt; before</c>.</summary>
    public static string Filter(string? name, EventSpan span)
    {
        var parts = new List<string>();
        if (name is not null)
        {
            parts.Add($"event_name = {ClickHouseLiteral.String(name)}");
        }

        if (span.From is { } from)
        {
            parts.Add(ClickHouseTime.AtOrAfter(from));
        }

        parts.Add(ClickHouseTime.Before(span.Before));
        return string.Join(" AND ", parts);
    }

    private static string Count(string c, CountTest test)
    {
        var (low, high) = (ClickHouseLiteral.Int(test.Low), ClickHouseLiteral.Int(test.High));
        return test.Op switch
        {
            CountOp.Between => $"{c} >= {low} AND {c} <= {high}",
            CountOp.NotBetween => $"({c} < {low} OR {c} > {high})",
            CountOp.Eq => $"{c} = {low}",
            CountOp.Neq => $"{c} != {low}",
            CountOp.Gt => $"{c} > {low}",
            CountOp.Gte => $"{c} >= {low}",
            CountOp.Lt => $"{c} < {low}",
            CountOp.Lte => $"{c} <= {low}",
            _ => throw NotSupported(test.Op.ToString()),
        };
    }

    /// <summary>before (t &lt; v), after (t &gt;= v), between (v0 &lt;= t &lt; v1), on microseconds since the epoch.</summary>
    private static string Time(string t, TimeTest test)
    {
        var (from, to) = (ClickHouseLiteral.Int(ClickHouseTime.Micros(test.From)), ClickHouseLiteral.Int(ClickHouseTime.Micros(test.To)));
        return test.Op switch
        {
            TimeOp.Before => $"{t} < {from}",
            TimeOp.After => $"{t} >= {from}",
            TimeOp.Between => $"{t} >= {from} AND {t} < {to}",
            _ => throw NotSupported(test.Op.ToString()),
        };
    }

    private static NotSupportedException NotSupported(string what) =>
        new($"The segment plan has a part ({what}) that is not supported on ClickHouse yet.");
}
