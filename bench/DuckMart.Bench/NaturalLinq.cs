using System.Linq.Expressions;
using DuckMart.Domain;

namespace DuckMart.Bench;

/// <summary>
/// The suite's segments as a .NET developer writes them in plain LINQ over users and their events (docs/linq.md),
/// with asOf written out as LINQ has none; the same forms as the suite's <c>$filter</c>s. Segments plain LINQ cannot
/// say the same way (distinct days, sequences) have none.
/// </summary>
public static class NaturalLinq
{
    private static readonly DateTime AsOf = BenchClock.AsOf.UtcDateTime;
    private static readonly DateTime Days30 = AsOf.AddDays(-30);
    private static readonly DateTime Days7 = AsOf.AddDays(-7);

    public static readonly IReadOnlyDictionary<string, Expression<Func<User, bool>>> Segments = new Dictionary<string, Expression<Func<User, bool>>>
    {
        ["01-age-band"] = u => u.Age >= 18 && u.Age <= 24,
        ["02-brief-age-25-34"] = u => u.Age >= 25 && u.Age <= 34,
        ["03-brief-california-login"] = u => u.Location == "California" && u.Events.Any(e => e.EventName == "LOGIN" && e.Timestamp < AsOf),
        ["04-purchases-3-in-30d"] = u => u.Events.Count(e => e.EventName == "PURCHASE_MADE" && e.Timestamp >= Days30 && e.Timestamp < AsOf) >= 3,
        ["05-cart-never-purchased"] = u => u.Events.Any(e => e.EventName == "ADDED_TO_CART" && e.Timestamp < AsOf)
            && !u.Events.Any(e => e.EventName == "PURCHASE_MADE" && e.Timestamp < AsOf),
        ["08-first-purchase-last-7d"] = u => u.Events.Where(e => e.EventName == "PURCHASE_MADE" && e.Timestamp < AsOf).Min(e => (DateTime?)e.Timestamp) >= Days7,
        ["09-last-login-over-30d-ago"] = u => u.Events.Where(e => e.EventName == "LOGIN" && e.Timestamp < AsOf).Max(e => (DateTime?)e.Timestamp) < Days30,
        ["12-saved-reference"] = u => u.DeviceType == "iOS"
            && u.Events.Count(e => e.EventName == "PURCHASE_MADE" && e.Timestamp >= Days30 && e.Timestamp < AsOf) >= 3,
    };
}
