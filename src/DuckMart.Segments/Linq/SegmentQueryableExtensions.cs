using System.Linq.Expressions;
using DuckMart.Domain;
using DuckMart.Segments.Linq.Recognition;
using LinqToDB.Internal.Linq;

namespace DuckMart.Segments.Linq;

/// <summary>
/// <c>db.Users.Where(segment)</c>: filter any linq2db query of users by a segment, and keep composing; and
/// <c>db.Users.WhereSegment(u =&gt; …)</c>: ordinary LINQ over users and their events, run on the segment engine.
/// </summary>
public static class SegmentQueryableExtensions
{
    public static IQueryable<User> Where(this IQueryable<User> users, Segment segment, DateTimeOffset? asOf = null, string? timezone = null) =>
        users.Where(segment.ToPredicate(DataContext(users), asOf, timezone));

    /// <summary>
    /// <c>users.Where(predicate)</c>, with what the segment engine can say of <paramref name="predicate"/> handed to it
    /// (docs/linq.md lists the forms) and the rest kept as linq2db renders it. The same users either way; every
    /// event counts (no asOf), as in plain LINQ. The result is a linq2db query: compose, page, ToListAsync as usual.
    /// </summary>
    public static IQueryable<User> WhereSegment(this IQueryable<User> users, Expression<Func<User, bool>> predicate) =>
        users.WhereSegment(predicate, out _);

    /// <inheritdoc cref="WhereSegment(IQueryable{User}, Expression{Func{User, bool}})"/>
    /// <param name="path">Which path the filter takes: segment, partial or linq.</param>
    public static IQueryable<User> WhereSegment(this IQueryable<User> users, Expression<Func<User, bool>> predicate, out EnginePath path)
    {
        var db = DataContext(users) as Data.DuckMartDb
            ?? throw new ArgumentException("WhereSegment filters queries of a DuckMartDb (for example DuckMartDb.Users).", nameof(users));
        var (query, taken) = SegmentRecognizer.Rewrite(users.Where(predicate).Expression, db);
        path = taken;
        return users.Provider.CreateQuery<User>(query);
    }

    // The events subqueries must be built on the same connection as the users query; linq2db exposes it
    // through IExpressionQuery (public, though in its Internal namespace).
    private static LinqToDB.IDataContext DataContext(IQueryable<User> users) =>
        (users as IExpressionQuery)?.DataContext
            ?? throw new ArgumentException("Segments filter linq2db queries (for example DuckMartDb.Users).", nameof(users));
}
