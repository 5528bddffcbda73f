using System.Linq.Expressions;
using DuckMart.Data;
using DuckMart.Domain;
using DuckMart.Segments.Planning;
using DuckMart.Segments.Rendering;
using DuckMart.Segments.Spec;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;

namespace DuckMart.Segments;

/// <summary>
/// One segment ready to run against one database connection: its IDs, its count, its SQL.
/// <para>
/// Session TimeZone: nothing here depends on it. Calendar days in a zone are computed with
/// <c>timezone('UTC', ts)</c> first (see Rendering/DuckDbFunctions.cs), which reads the plain TIMESTAMP as UTC
/// whatever the connection's TimeZone is, so no <c>SET TimeZone</c> is needed on <see cref="DuckMartDb"/>.
/// </para>
/// </summary>
public sealed class SegmentQuery
{
    private readonly DuckMartDb _db;

    private readonly PlanNode _plan;

    /// <summary>The IDs, unordered and each once: from <c>events</c> alone when the plan allows it, else from <c>users</c>.</summary>
    private readonly IQueryable<long> _ids;

    private SegmentQuery(DuckMartDb db, PlanNode plan, Expression<Func<User, bool>> predicate, IQueryable<long>? grouped)
    {
        _db = db;
        _plan = plan;
        Predicate = predicate;
        _ids = grouped ?? db.Users.Where(predicate).Select(u => u.UserId);
    }

    /// <summary>Plans <paramref name="where"/> (<see cref="SegmentPlanner"/>) and renders the plan (<see cref="PlanRenderer"/>).</summary>
    public static SegmentQuery Create(DuckMartDb db, Condition where, EvaluationTime time, ISavedSegments saved)
    {
        var plan = SegmentPlanner.Plan(where, time, saved);
        return new(db, plan, PlanRenderer.Render(plan, db, time), PlanRenderer.GroupedRootSet(plan, db, time));
    }

    /// <summary>The plan as indented text, one node a line: what <see cref="Explain"/>'s SQL was rendered from.</summary>
    public string ExplainPlan() => PlanText.Print(_plan);

    /// <summary>The translated condition, for composing with other LINQ over <see cref="DuckMartDb.Users"/>.</summary>
    public Expression<Func<User, bool>> Predicate { get; }

    /// <summary>The matching user IDs in ascending order; compose Where/Take on it for paging.</summary>
    public IQueryable<long> UserIds => _ids.OrderBy(id => id);

    /// <summary>The size of the whole segment. The token reaches DuckDB, which interrupts the query when cancelled.</summary>
    public Task<long> CountAsync(CancellationToken cancellationToken) =>
        _ids.LongCountAsync(cancellationToken);

    /// <summary>
    /// Runs the ID query and returns its reader: every ID in ascending order when <paramref name="after"/> and
    /// <paramref name="limit"/> are null (the count is then the IDs read), else the IDs greater than
    /// <paramref name="after"/>, at most <paramref name="limit"/>, with the whole segment's size counted by the
    /// same query. The token reaches DuckDB, which interrupts the query when cancelled.
    /// <para>
    /// linq2db renders the SQL (its query cache makes that cheap for a shape seen before, and values stay
    /// parameters); DuckDB.NET's own reader then reads the IDs, which costs a fraction of linq2db's row mapping.
    /// </para>
    /// </summary>
    public async Task<UserIdReader> ReadUserIdsAsync(long? after, int? limit, CancellationToken cancellationToken)
    {
        var whole = after is null && limit is null;
        var rendered = whole ? UserIds.ToSqlQuery() : _ids.ToSqlQuery();
        var parameters = new List<DataParameter>(rendered.Parameters);
        var sql = rendered.Sql;
        if (!whole)
        {
            sql = PageSql(rendered.Sql, after is not null, limit is not null);
            if (after is { } afterId)
            {
                parameters.Add(new DataParameter(AfterParameter, afterId, DataType.Int64));
            }

            if (limit is { } take)
            {
                parameters.Add(new DataParameter(LimitParameter, (long)take, DataType.Int64));
            }
        }

        var command = new CommandInfo(_db, sql, [.. parameters]);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return new UserIdReader(reader.Reader!, countColumn: !whole, reader);
        }
        catch
        {
            await reader.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private const string AfterParameter = "page_after";
    private const string LimitParameter = "page_limit";

    /// <summary>
    /// One page and the whole segment's size in one query. The segment is a materialised CTE, read twice: once
    /// counted, once cut to the page. The LEFT JOIN keeps one row (with a NULL ID) when the page is empty, so
    /// that the count still arrives; a window <c>COUNT(*) OVER ()</c> would lose it on an empty page.
    /// </summary>
    private static string PageSql(string segmentSql, bool after, bool limit) =>
        "WITH segment(user_id) AS MATERIALIZED (\n" + segmentSql + "\n)\n"
        + "SELECT page.user_id, whole.total\n"
        + "FROM (SELECT count(*) AS total FROM segment) whole\n"
        + "LEFT JOIN (SELECT user_id FROM segment"
        + (after ? " WHERE user_id > $" + AfterParameter : string.Empty)
        + " ORDER BY user_id"
        + (limit ? " LIMIT $" + LimitParameter : string.Empty)
        + ") page ON true\n"
        + "ORDER BY page.user_id";

    /// <summary>The SQL of the ID query with its parameters (never values inlined).</summary>
    public (string Sql, IReadOnlyDictionary<string, object?> Parameters) Explain()
    {
        var sql = UserIds.ToSqlQuery();
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in sql.Parameters)
        {
            parameters[p.Name ?? $"p{parameters.Count + 1}"] = p.Value;
        }

        return (sql.Sql, parameters);
    }
}
