using System.Linq.Expressions;
using DuckMart.Data;
using DuckMart.Domain;
using DuckMart.Segments.Planning;
using DuckMart.Segments.Rendering;
using DuckMart.Segments.Rendering.Cache;
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

    /// <summary>The predicate and ID query as LINQ, built on first use: a translation-cache hit never needs them.</summary>
    private readonly Lazy<(Expression<Func<User, bool>> Predicate, IQueryable<long> Ids)> _rendered;

    /// <summary>The SQL of the ID queries with this query's values bound: from the translation cache, else each rendered on first use.</summary>
    private (string Sql, DataParameter[] Parameters)? _idsSql, _orderedSql;

    private readonly EvaluationTime _time;

    /// <summary>The cache's answer for this plan while this query may still teach the cache its shape.</summary>
    private Lookup? _lookup;

    private SegmentQuery(DuckMartDb db, PlanNode plan, EvaluationTime time, Lookup lookup)
    {
        _db = db;
        _plan = plan;
        _time = time;
        var sql = lookup.Bound;
        _lookup = lookup.Learn ? lookup : null;
        FromTranslationCache = sql is not null;
        if (sql is not null)
        {
            (_idsSql, _orderedSql) = ((sql.Ids, sql.IdsParameters), (sql.Ordered, sql.OrderedParameters));
        }
        _rendered = new(() => Render(db, plan, time));
    }

    /// <summary>
    /// Plans <paramref name="where"/> (<see cref="SegmentPlanner"/>); a plan shape seen before takes its SQL from the
    /// <see cref="TranslationCache"/>, any other is rendered (<see cref="PlanRenderer"/>, then linq2db).
    /// </summary>
    public static SegmentQuery Create(DuckMartDb db, Condition where, EvaluationTime time, ISavedSegments saved)
    {
        // The root rule is DuckDB's (its hash joins build on the subquery side); ClickHouse keeps the plain IN form.
        var plan = RootSets.Shape(SegmentPlanner.Plan(where, time, saved));
        return new SegmentQuery(db, plan, time, TranslationCache.Find(plan, time));
    }

    private static (Expression<Func<User, bool>> Predicate, IQueryable<long> Ids) Render(DuckMartDb db, PlanNode plan, EvaluationTime time)
    {
        var predicate = PlanRenderer.Render(plan, db, time);
        return (predicate, PlanRenderer.RootSet(plan, db, time) ?? db.Users.Where(predicate).Select(u => u.UserId));
    }

    private static (QuerySql Ids, QuerySql Ordered) RenderSql(IQueryable<long> ids) => (ids.ToSqlQuery(), ids.OrderBy(id => id).ToSqlQuery());

    /// <summary>The unordered ID query (counted, paged). A miss renders only the form it needs: each is a linq2db query of its own.</summary>
    internal (string Sql, DataParameter[] Parameters) IdsSql
    {
        get
        {
            TeachOnce();
            return _idsSql ??= Bound(_rendered.Value.Ids.ToSqlQuery());
        }
    }

    /// <summary>The ordered ID query (every ID, explain, the memberships of segment dynamics).</summary>
    internal (string Sql, DataParameter[] Parameters) OrderedSql
    {
        get
        {
            TeachOnce();
            return _orderedSql ??= Bound(UserIds.ToSqlQuery());
        }
    }

    /// <summary>
    /// A shape seen before teaches the cache when its SQL is first needed: both forms rendered here, then the
    /// sentinel render (<see cref="TranslationCache.Learn"/>). Not at Create, so that a query used only as a LINQ
    /// predicate (the recogniser, profiles) renders no SQL at all.
    /// </summary>
    private void TeachOnce()
    {
        if (_lookup is not { } lookup)
        {
            return;
        }

        _lookup = null;
        var asked = RenderSql(_rendered.Value.Ids);
        (_idsSql, _orderedSql) = (Bound(asked.Ids), Bound(asked.Ordered));
        TranslationCache.Learn(lookup, _plan, _time, asked, (p, t) => RenderSql(Render(_db, p, t).Ids));
    }

    private static (string, DataParameter[]) Bound(QuerySql sql) => (sql.Sql, [.. sql.Parameters]);

    /// <summary>Whether the SQL came bound from the <see cref="TranslationCache"/> (linq2db not entered) rather than rendered.</summary>
    public bool FromTranslationCache { get; }

    /// <summary>The plan as indented text, one node a line: what <see cref="Explain"/>'s SQL was rendered from.</summary>
    public string ExplainPlan() => PlanText.Print(_plan);

    /// <summary>The translated condition, for composing with other LINQ over <see cref="DuckMartDb.Users"/>.</summary>
    public Expression<Func<User, bool>> Predicate => _rendered.Value.Predicate;

    /// <summary>
    /// The condition for the users <c>after &lt; userId &lt;= through</c> only: every scan of <c>events</c> is cut to that
    /// range of users, so a keyset page costs the events of its own users, not the whole segment's. Exact for users
    /// in the range and only for them: compose it with <c>u.UserId &gt; after &amp;&amp; u.UserId &lt;= through</c>. The
    /// bounds are SQL parameters, so every page of a segment is the same SQL.
    /// </summary>
    public Expression<Func<User, bool>> PredicateWithin(long after, long through) =>
        PlanRenderer.Render(_plan, _db, _time, new UserIdRange(after, through));

    /// <summary>The matching user IDs in ascending order; compose Where/Take on it for paging.</summary>
    public IQueryable<long> UserIds => _rendered.Value.Ids.OrderBy(id => id);

    /// <summary>
    /// The size of the whole segment: <c>count(*)</c> over the ID query. The token reaches DuckDB, which interrupts
    /// the query when cancelled.
    /// </summary>
    public Task<long> CountAsync(CancellationToken cancellationToken)
    {
        var (sql, parameters) = IdsSql;
        return new CommandInfo(_db, "SELECT count(*) FROM (\n" + sql + "\n) segment", parameters).ExecuteAsync<long>(cancellationToken);
    }

    /// <summary>
    /// Runs the ID query and returns its reader: every ID in ascending order when <paramref name="after"/> and
    /// <paramref name="limit"/> are null (the count is then the IDs read), else the IDs greater than
    /// <paramref name="after"/>, at most <paramref name="limit"/>, with the whole segment's size counted by the
    /// same query. The token reaches DuckDB, which interrupts the query when cancelled.
    /// <para>
    /// The SQL comes from the translation cache or from linq2db (values always parameters); DuckDB.NET's own reader
    /// then reads the IDs, which costs a fraction of linq2db's row mapping.
    /// </para>
    /// </summary>
    public async Task<UserIdReader> ReadUserIdsAsync(long? after, int? limit, CancellationToken cancellationToken)
    {
        var whole = after is null && limit is null;
        var (sql, rendered) = whole ? OrderedSql : IdsSql;
        var parameters = new List<DataParameter>(rendered);
        if (!whole)
        {
            sql = PageSql(sql, after is not null, limit is not null);
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

    /// <summary>
    /// Every ID in ascending order, run synchronously: for callers inside a synchronous query provider (OData's
    /// linq2db queries), which would otherwise block on <see cref="ReadUserIdsAsync"/>. The token is checked before the
    /// query and between batches; to interrupt the running query itself, cancel the connection's commands (an
    /// interceptor calling <c>DbCommand.Cancel</c>, which DuckDB.NET turns into duckdb_interrupt).
    /// </summary>
    public UserIdReader ReadUserIds(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (sql, parameters) = OrderedSql;
        var reader = new CommandInfo(_db, sql, parameters).ExecuteReader();
        try
        {
            return new UserIdReader(reader.Reader!, countColumn: false, reader);
        }
        catch
        {
            reader.Dispose();
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
        var (sql, bound) = OrderedSql;
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in bound)
        {
            parameters[p.Name ?? $"p{parameters.Count + 1}"] = p.Value;
        }

        return (sql, parameters);
    }
}
