using System.Globalization;
using System.Linq.Expressions;
using DuckMart.Data;
using DuckMart.Domain;
using LinqToDB;
using LinqToDB.Async;

namespace DuckMart.Api.Profiles;

/// <summary>A page of a segment's users with their attributes, so the builder's table needs one call, not ids then rows.</summary>
public static class SegmentUsers
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 1000;

    /// <summary>Users after <paramref name="cursor"/> (the last user id of the previous page), ascending by id.</summary>
    public static async Task<(long Count, List<UserRow> Rows, string? NextCursor)> PageAsync(
        DuckMartDb db, Expression<Func<User, bool>> where, int limit, long? cursor, CancellationToken ct)
    {
        var segment = db.Users.Where(where);
        var after = cursor ?? long.MinValue;
        var rows = await segment
            .Where(u => u.UserId > after)
            .OrderBy(u => u.UserId)
            .Take(limit + 1)
            .Select(u => new UserRow(u.UserId, u.Name, u.Age, u.Gender, u.Location, u.SignupDate, u.SubscriptionPlan, u.DeviceType))
            .ToListAsync(ct);
        var count = await segment.LongCountAsync(ct);

        string? next = null;
        if (rows.Count > limit)
        {
            rows.RemoveAt(rows.Count - 1);
            next = rows[^1].UserId.ToString(CultureInfo.InvariantCulture);
        }

        return (count, rows, next);
    }

    public static bool TryReadCursor(string? cursor, out long? after)
    {
        after = null;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        if (long.TryParse(cursor, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id))
        {
            after = id;
            return true;
        }

        return false;
    }
}
