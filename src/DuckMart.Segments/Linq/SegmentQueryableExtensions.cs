using DuckMart.Domain;
using LinqToDB.Internal.Linq;

namespace DuckMart.Segments.Linq;

/// <summary><c>db.Users.Where(segment)</c>: filter any linq2db query of users by a segment, and keep composing.</summary>
public static class SegmentQueryableExtensions
{
    public static IQueryable<User> Where(this IQueryable<User> users, Segment segment, DateTimeOffset? asOf = null, string? timezone = null)
    {
        // The events subqueries must be built on the same connection as the users query; linq2db exposes it
        // through IExpressionQuery (public, though in its Internal namespace).
        var dataContext = (users as IExpressionQuery)?.DataContext
            ?? throw new ArgumentException("Segments filter linq2db queries (for example DuckMartDb.Users).", nameof(users));
        return users.Where(segment.ToPredicate(dataContext, asOf, timezone));
    }
}
