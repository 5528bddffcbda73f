using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using DuckMart.Data;
using DuckMart.Domain;
using DuckMart.Segments.Spec;
using LinqToDB;
using LinqToDB.Async;

namespace DuckMart.Segments;

/// <summary>
/// One segment ready to run against one database connection: its IDs, its count, its SQL.
/// <para>
/// Session TimeZone: nothing here depends on it. Calendar days in a zone are computed with
/// <c>timezone('UTC', ts)</c> first (see Translation/DuckDbFunctions.cs), which reads the plain TIMESTAMP as UTC
/// whatever the connection's TimeZone is, so no <c>SET TimeZone</c> is needed on <see cref="DuckMartDb"/>.
/// </para>
/// </summary>
public sealed class SegmentQuery
{
    private readonly DuckMartDb _db;

    private SegmentQuery(DuckMartDb db, Expression<Func<User, bool>> predicate)
    {
        _db = db;
        Predicate = predicate;
    }

    public static SegmentQuery Create(DuckMartDb db, Condition where, EvaluationTime time, ISavedSegments saved) =>
        new(db, new SegmentTranslator(db, saved).Translate(where, time));

    /// <summary>The translated condition, for composing with other LINQ over <see cref="DuckMartDb.Users"/>.</summary>
    public Expression<Func<User, bool>> Predicate { get; }

    /// <summary>The matching user IDs in ascending order; compose Where/Take on it for paging.</summary>
    public IQueryable<long> UserIds => _db.Users.Where(Predicate).Select(u => u.UserId).OrderBy(id => id);

    /// <summary>The size of the whole segment. The token reaches DuckDB, which interrupts the query when cancelled.</summary>
    public Task<long> CountAsync(CancellationToken cancellationToken) =>
        _db.Users.Where(Predicate).LongCountAsync(cancellationToken);

    /// <summary>IDs greater than <paramref name="after"/>, ascending, at most <paramref name="limit"/>, streamed from DuckDB.</summary>
    public async IAsyncEnumerable<long> StreamUserIdsAsync(long? after, int? limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var ids = _db.Users.Where(Predicate).Select(u => u.UserId);
        if (after is { } afterId)
        {
            ids = ids.Where(id => id > afterId);
        }

        ids = ids.OrderBy(id => id);
        if (limit is { } take)
        {
            ids = ids.Take(take);
        }

        // Rows are read as DuckDB produces them, not collected first; the token is passed to the reader.
        await foreach (var id in ids.AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return id;
        }
    }

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
