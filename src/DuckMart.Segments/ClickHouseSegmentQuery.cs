using System.Globalization;
using DuckMart.Data.ClickHouse;
using DuckMart.Segments.Planning;
using DuckMart.Segments.Rendering.ClickHouse;
using DuckMart.Segments.Spec;

namespace DuckMart.Segments;

/// <summary>
/// One segment ready to run on a ClickHouse cluster (CONTRACT.md section 6): the same plan as
/// <see cref="SegmentQuery"/> (<see cref="SegmentPlanner"/>), rendered by <see cref="ClickHousePlanRenderer"/> and
/// sent over HTTP by <see cref="ClickHouseHttp"/>. The outer query reads the Distributed <c>users</c>, so every
/// shard answers for its own users and the initiator merges the sorted IDs.
/// </summary>
public sealed class ClickHouseSegmentQuery
{
    private readonly PlanNode _plan;

    private readonly string _users;

    private readonly string _usersLocal;

    private readonly ClickHouseDistribution _distribution;

    private ClickHouseSegmentQuery(PlanNode plan, string predicate, string? database, ClickHouseDistribution distribution)
    {
        _plan = plan;
        Predicate = predicate;
        _users = ClickHousePlanRenderer.UsersTable(database);
        _usersLocal = database is null ? ClickHouseSchema.UsersLocal : $"{database}.{ClickHouseSchema.UsersLocal}";
        _distribution = distribution;
    }

    /// <summary>Plans and renders <paramref name="where"/>; <paramref name="database"/> is the URL's (<see cref="ClickHouseHttp.Database"/>).</summary>
    public static ClickHouseSegmentQuery Create(
        Condition where, EvaluationTime time, ISavedSegments saved, string? database = null, ClickHouseDistribution distribution = ClickHouseDistribution.ShardLocal)
    {
        var plan = SegmentPlanner.Plan(where, time, saved);
        return new(plan, ClickHousePlanRenderer.Render(plan, time, distribution, database), database, distribution);
    }

    /// <summary>The condition as a predicate over <c>users</c>; every value is an escaped literal (<see cref="ClickHouseLiteral"/>).</summary>
    public string Predicate { get; }

    /// <summary>Every matching ID, ascending: what <c>--sql</c> and <c>explain</c> show.</summary>
    public string IdsSql => $"SELECT user_id FROM {_users} WHERE {Predicate} ORDER BY user_id";

    /// <summary>
    /// Whether the row's user is a member, as a 0/1 that is never NULL, for a query over the Distributed <c>users</c>:
    /// a set test of the answer rather than the predicate itself, so that NULL attributes count as "not a member" the
    /// way WHERE reads them and <c>NOT</c> of it is exactly "not in the answer" (the set difference dynamics need).
    /// Shard-local, the members are the shard's own <c>users_local</c> rows (exact: users are sharded by user_id);
    /// with GLOBAL IN the initiator collects them over the cluster.
    /// </summary>
    public string MembershipTest => _distribution == ClickHouseDistribution.ShardLocal
        ? $"(user_id IN (SELECT user_id FROM {_usersLocal} WHERE {Predicate}))"
        : $"(user_id GLOBAL IN (SELECT user_id FROM {_users} WHERE {Predicate}))";

    /// <summary>The Distributed <c>users</c> table this query reads.</summary>
    public string UsersTable => _users;

    public string CountSql => $"SELECT count() FROM {_users} WHERE {Predicate}";

    /// <summary>The IDs after <paramref name="after"/>, ascending, at most <paramref name="limit"/>.</summary>
    public string PageSql(long? after, int? limit) =>
        $"SELECT user_id FROM {_users} WHERE {Predicate}"
        + (after is { } a ? $" AND user_id > {ClickHouseLiteral.Int(a)}" : "")
        + " ORDER BY user_id"
        + (limit is { } l ? $" LIMIT {ClickHouseLiteral.Int(l)}" : "");

    public string ExplainPlan() => PlanText.Print(_plan);

    public async Task<long> CountAsync(ClickHouseHttp http, TimeSpan? timeLimit, CancellationToken cancellationToken)
    {
        var rows = await http.QueryInt64sAsync(CountSql, cancellationToken, Settings(timeLimit));
        return rows.Count == 1 ? rows[0] : throw new ClickHouseException($"{http.Endpoint}: a count returned {rows.Count} rows");
    }

    /// <summary>The IDs of one page (every ID when both are null), ascending.</summary>
    public Task<List<long>> ReadIdsAsync(ClickHouseHttp http, long? after, int? limit, TimeSpan? timeLimit, CancellationToken cancellationToken) =>
        http.QueryInt64sAsync(PageSql(after, limit), cancellationToken, Settings(timeLimit));

    /// <summary>
    /// Per query: a query id (so a cancelled request can be killed on the server), <c>readonly=2</c> (a read can
    /// never write, whatever its text: defence in depth behind the escaping), room for long value lists (the
    /// default max_query_size is 256 KiB), and the time limit as <c>max_execution_time</c> in whole seconds, one
    /// more than the caller's own deadline so that the caller's cancellation decides and the server's is the backstop.
    /// </summary>
    public static Dictionary<string, string> Settings(TimeSpan? timeLimit)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["query_id"] = "duckmart-" + Guid.NewGuid().ToString("N"),
            ["readonly"] = "2",
            ["max_query_size"] = "67108864",
        };
        if (timeLimit is { } limit)
        {
            settings["max_execution_time"] = ((long)Math.Ceiling(limit.TotalSeconds) + 1).ToString(CultureInfo.InvariantCulture);
        }

        return settings;
    }
}
