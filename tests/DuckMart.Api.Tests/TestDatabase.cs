using DuckMart.Data;
using DuckMart.Domain;
using LinqToDB;
using LinqToDB.Data;

namespace DuckMart.Api.Tests;

/// <summary>
/// A small DuckMart database in a temporary file (not <c>:memory:</c>, which is a new database per connection),
/// created with the real DDL and deleted on dispose. <see cref="CreateSample"/> holds the users whose
/// expected answers the OData tests spell out; keep the two in step.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    private TestDatabase(string path) => Path = path;

    public string Path { get; }

    public static TestDatabase Create(Action<DuckMartDb> seed)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"duckmart-test-{Guid.NewGuid():N}.duckdb");
        using (var db = new DuckMartDb($"Data Source={path}"))
        {
            db.Execute(Schema.CreateUsers);
            db.Execute(Schema.CreateEvents);
            seed(db);
        }

        return new TestDatabase(path);
    }

    /// <summary>
    /// Eight users chosen so that each $filter form in the tests picks a different set:
    /// NULLs in age/location/gender/signupDate/plan, a name with an apostrophe, mixed case,
    /// a login one second before 2025, an event exactly at 2025-01-01T00:00:00Z, and a user with no events.
    /// </summary>
    public static TestDatabase CreateSample() => Create(db =>
    {
        db.BulkCopy(new[]
        {
            NewUser(1, "Ann", 28, "F", "California", new DateOnly(2024, 3, 10), "premium", "iOS"),
            NewUser(2, "Bob", 35, "M", "California", new DateOnly(2023, 11, 20), "free", "Android"),
            NewUser(3, "Cara", 42, "F", "New York", new DateOnly(2024, 7, 1), "basic", "iOS"),
            NewUser(4, "Dan", null, "M", "Texas", new DateOnly(2022, 1, 15), "free", "Web"),
            NewUser(5, "Eve", 25, "F", null, null, "premium", "Android"),
            NewUser(6, "Finn O'Brien", 31, "M", "California", new DateOnly(2025, 2, 2), "basic", "Web"),
            NewUser(7, "Gus", 60, null, "Texas", new DateOnly(2024, 1, 1), null, "iOS"),
            NewUser(8, "Hana", 34, "F", "New York", new DateOnly(2023, 12, 31), "free", "Android"),
        });
        db.BulkCopy(new[]
        {
            NewEvent(1, "LOGIN", "2025-01-02T08:00:00"),
            NewEvent(1, "LOGIN", "2025-01-05T09:00:00"),
            NewEvent(1, "LOGIN", "2025-02-01T10:00:00"),
            NewEvent(1, "PURCHASE_MADE", "2025-02-01T10:30:00"),
            NewEvent(2, "LOGIN", "2024-12-31T23:59:59"),
            NewEvent(2, "VIEW_PRODUCT", "2025-01-10T12:00:00"),
            NewEvent(3, "PURCHASE_MADE", "2025-03-01T12:00:00"),
            NewEvent(3, "PURCHASE_MADE", "2025-03-02T12:00:00"),
            NewEvent(4, "LOGIN", "2024-06-01T07:00:00"),
            NewEvent(4, "LOGIN", "2024-06-02T07:00:00"),
            NewEvent(5, "VIEW_PRODUCT", "2025-01-01T00:00:00"),
            NewEvent(6, "LOGIN", "2025-01-15T20:00:00"),
            NewEvent(6, "LOGIN", "2025-01-16T20:00:00"),
            NewEvent(6, "LOGIN", "2025-01-17T20:00:00"),
            NewEvent(6, "ADDED_TO_CART", "2025-01-17T20:05:00"),
            NewEvent(7, "ADDED_TO_CART", "2025-04-01T00:00:00"),
        });
    });

    /// <summary>
    /// <paramref name="users"/> bare users (ids 1..n, only a name) and <paramref name="eventsOfUser1"/> LOGINs of user 1,
    /// one a minute from 2025-01-01: enough to cross the server's page sizes.
    /// </summary>
    public static TestDatabase CreateLarge(int users, int eventsOfUser1) => Create(db =>
    {
        db.Execute($"INSERT INTO users (user_id, name) SELECT i, 'user ' || i FROM range(1, {users + 1}) t(i)");
        db.Execute($"INSERT INTO events SELECT 1, 'LOGIN', TIMESTAMP '2025-01-01' + to_minutes(i) FROM range({eventsOfUser1}) t(i)");
    });

    public void Dispose()
    {
        foreach (var file in new[] { Path, Path + ".wal" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // A server still closing its connection; the temp folder is cleaned eventually.
            }
        }
    }

    private static User NewUser(long id, string name, int? age, string? gender, string? location, DateOnly? signupDate, string? plan, string device) =>
        new()
        {
            UserId = id,
            Name = name,
            Age = age,
            Gender = gender,
            Location = location,
            SignupDate = signupDate,
            SubscriptionPlan = plan,
            DeviceType = device,
        };

    private static Event NewEvent(long userId, string name, string utc) =>
        new() { UserId = userId, EventName = name, Timestamp = DateTime.SpecifyKind(DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc) };
}
