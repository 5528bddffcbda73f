using DuckMart.Domain;

namespace DuckMart.Segments.Tests.Translation;

/// <summary>
/// A hand-made data set where each user exists to pin one edge of CONTRACT.md section 3; asOf is
/// <see cref="AsOf"/> unless a test says otherwise.
/// </summary>
public sealed class SampleData : IDisposable
{
    public const string AsOf = "2025-06-01T00:00:00Z";

    public static readonly User[] Users =
    [
        new() { UserId = 1, Name = "Ann", Age = 30, Location = "California", SignupDate = new DateOnly(2025, 5, 31), DeviceType = "iOS", SubscriptionPlan = "Premium" },
        new() { UserId = 2, Name = "Bob" },
        new() { UserId = 3, Name = "a%b", Age = 25, Location = "california", SignupDate = new DateOnly(2025, 5, 2), DeviceType = "Android" },
        new() { UserId = 4, Name = "axb", Age = 34, Location = "New York", SignupDate = new DateOnly(2025, 5, 1), DeviceType = "ios" },
        new() { UserId = 5, Name = "a_b", Age = 35, Location = "San_Diego", SignupDate = new DateOnly(2025, 6, 1) },
        new() { UserId = 6, Age = 150, Location = "Zoë" },
    ];

    public static readonly Event[] Events =
    [
        // 1: logins on two days, one exactly at asOf (never seen); a funnel whose steps are exactly PT1H and P1D apart.
        E(1, "LOGIN", "2025-05-31T23:00:00Z"), E(1, "LOGIN", "2025-05-30T10:00:00Z"), E(1, "LOGIN", "2025-06-01T00:00:00Z"),
        E(1, "VIEW_PRODUCT", "2025-05-20T10:00:00Z"), E(1, "ADDED_TO_CART", "2025-05-20T11:00:00Z"), E(1, "PURCHASE_MADE", "2025-05-21T11:00:00Z"),

        // 2: one login exactly at asOf - P30D (inside a P30D window), two more either side of midnight in New York.
        E(2, "LOGIN", "2025-05-02T00:00:00Z"), E(2, "LOGIN", "2025-03-09T04:30:00Z"), E(2, "LOGIN", "2025-03-09T05:30:00Z"),

        // 3: one login a second before the P30D window; a cart never purchased within a day.
        E(3, "LOGIN", "2025-05-01T23:59:59Z"), E(3, "VIEW_PRODUCT", "2025-05-20T10:00:00Z"), E(3, "ADDED_TO_CART", "2025-05-20T10:30:00Z"),
        E(3, "PURCHASE_MADE", "2025-05-21T11:00:00Z"),

        // 4: the earliest view is too early for the cart, the later one is not: the sequence must still match.
        E(4, "VIEW_PRODUCT", "2025-05-20T10:00:00Z"), E(4, "VIEW_PRODUCT", "2025-05-20T11:30:00Z"), E(4, "ADDED_TO_CART", "2025-05-20T12:00:00Z"),
        E(4, "PURCHASE_MADE", "2025-04-01T00:00:00Z"), E(4, "PURCHASE_MADE", "2025-04-02T00:00:00Z"), E(4, "PURCHASE_MADE", "2025-05-31T00:00:00Z"),

        // 5: view and cart on the same timestamp: not "in order".
        E(5, "VIEW_PRODUCT", "2025-05-20T10:00:00Z"), E(5, "ADDED_TO_CART", "2025-05-20T10:00:00Z"),

        // 6: no events at all.
    ];

    private readonly TestDatabase _database = new(Users, Events);

    public Data.DuckMartDb Open() => _database.Open();

    public void Dispose() => _database.Dispose();

    private static Event E(long user, string name, string utc) =>
        new() { UserId = user, EventName = name, Timestamp = DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime };
}
