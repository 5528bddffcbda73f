using DuckMart.Domain;

namespace DuckMart.Segments.Tests.Differential;

/// <summary>
/// A small random data set built to hit the edges: NULL attributes, Unicode and LIKE metacharacters in
/// strings, users with no events, events exactly at asOf and at window bounds, several events on the same
/// timestamp, and events around DST changes and local midnights in the zones the specs use.
/// </summary>
public static class DifferentialData
{
    /// <summary>The asOf instants specs are evaluated at: DST changes, local midnights and ordinary moments.</summary>
    public static readonly DateTime[] AsOfs =
    [
        Utc("2025-03-09T07:00:00"), // America/New_York springs forward
        Utc("2025-03-30T01:00:00"), // Europe/London springs forward
        Utc("2025-04-05T14:00:00"), // Pacific/Chatham falls back
        Utc("2025-04-06T03:00:00"), // America/Santiago falls back at midnight
        Utc("2025-09-07T04:00:00"), // America/Santiago springs forward: no midnight that day
        Utc("2025-09-27T14:00:00"), // Pacific/Chatham springs forward
        Utc("2025-10-26T01:00:00"), // Europe/London falls back
        Utc("2025-11-02T06:00:00"), // America/New_York falls back
        Utc("2025-06-15T18:30:00"), // midnight in Asia/Kolkata
        Utc("2025-03-10T04:00:00"), // midnight in New York, the day after the change
        Utc("2025-06-15T12:34:56"),
        Utc("2025-12-31T00:00:00"),
    ];

    public static readonly string[] Zones = ["UTC", "America/New_York", "Europe/London", "Asia/Kolkata", "Pacific/Chatham", "America/Santiago"];

    public static readonly string[] EventNames = ["LOGIN", "PURCHASE_MADE", "ADDED_TO_CART", "VIEW_PRODUCT"];

    public static readonly string?[] Strings = [null, "Ann", "ann", "ANN", "a%b", "a_b", "axb", "100%", "_", "Zoë", "ZOË", "Élodie", "élodie", "São Paulo", "California", "california", "New York", "iOS", "ios", "Android", "Straße", "東京"];

    // Offsets before an anchor that sit exactly on the window bounds the specs use (negative: after asOf).
    private static readonly TimeSpan[] EdgeOffsets =
    [
        TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(12),
        TimeSpan.FromDays(1), TimeSpan.FromDays(7), TimeSpan.FromDays(14), TimeSpan.FromDays(30), TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1),
        TimeSpan.FromHours(-1), TimeSpan.FromSeconds(-1),
    ];

    public static (List<User> Users, List<Event> Events) Build(int seed, int userCount = 80)
    {
        var random = new Random(seed);
        var users = new List<User>();
        var events = new List<Event>();
        for (var id = 1; id <= userCount; id++)
        {
            users.Add(new User
            {
                UserId = id,
                Name = Pick(random, Strings),
                Age = random.Next(5) == 0 ? null : Pick(random, [0, 17, 25, 30, 34, 35, 64, 150]),
                Gender = Pick(random, [null, "Female", "Male", "female", "Non-binary"]),
                Location = Pick(random, Strings),
                SignupDate = random.Next(5) == 0 ? null : DateOnly.FromDateTime(Pick(random, AsOfs)).AddDays(-random.Next(-2, 40)),
                SubscriptionPlan = Pick(random, [null, "Free", "Premium", "premium", "Pro_%"]),
                DeviceType = Pick(random, [null, "iOS", "ios", "Android", "Web"]),
            });

            if (id % 10 == 0)
            {
                continue; // no events at all
            }

            for (var anchors = random.Next(1, 4); anchors > 0; anchors--)
            {
                var anchor = Pick(random, AsOfs);
                var previous = anchor;
                for (var n = random.Next(2, 12); n > 0; n--)
                {
                    var t = random.Next(6) switch
                    {
                        0 or 1 => anchor - Pick(random, EdgeOffsets),
                        2 => previous, // same timestamp as the one before
                        3 => LocalMidnight(anchor, Pick(random, Zones), random.Next(-3, 1)) + TimeSpan.FromSeconds(random.Next(-1, 2)),
                        4 => previous + TimeSpan.FromMinutes(random.Next(1, 120)),
                        _ => anchor - TimeSpan.FromSeconds(random.Next(0, 35 * 86400)),
                    };
                    events.Add(new Event { UserId = id, EventName = Pick(random, EventNames), Timestamp = DateTime.SpecifyKind(t, DateTimeKind.Utc) });
                    previous = t;
                }
            }
        }

        return (users, events);
    }

    private static DateTime LocalMidnight(DateTime utc, string zoneId, int dayOffset)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, zone).Date.AddDays(dayOffset);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static DateTime Utc(string s) => DateTime.SpecifyKind(DateTime.Parse(s, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);
}
