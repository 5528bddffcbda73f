using System.Security.Cryptography;
using DuckMart.Generator;

namespace DuckMart.Generator.Tests;

public class GeneratorTests(GeneratedDataSet data) : IClassFixture<GeneratedDataSet>
{
    [Fact]
    public void The_same_users_and_seed_give_the_same_bytes()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        using var c = new TempDirectory();
        var options = new GeneratorOptions { Users = 500, Seed = 11, DirtyRate = 0.05 };

        new DataSetGenerator(options).Generate(a.Path);
        new DataSetGenerator(options).Generate(b.Path);
        new DataSetGenerator(options with { Seed = 12 }).Generate(c.Path);

        Hash(a.File("users.csv")).Should().Be(Hash(b.File("users.csv")));
        Hash(a.File("events.csv")).Should().Be(Hash(b.File("events.csv")));
        Hash(a.File("users.csv")).Should().NotBe(Hash(c.File("users.csv")));
        Hash(a.File("events.csv")).Should().NotBe(Hash(c.File("events.csv")));
    }

    [Fact]
    public void Files_have_mockaroo_style_headers_and_us_dates()
    {
        using var dir = new TempDirectory();
        new DataSetGenerator(new GeneratorOptions { Users = 50 }).Generate(dir.Path);

        var users = File.ReadAllLines(dir.File("users.csv"));
        users[0].Should().Be("user_id,name,age,gender,location,signup_date,subscription_plan,device_type");
        users.Skip(1).Should().HaveCount(50).And.Contain(l => System.Text.RegularExpressions.Regex.IsMatch(l, @",\d{1,2}/\d{1,2}/\d{4},"));
        File.ReadLines(dir.File("events.csv")).First().Should().Be("user_id,event_name,timestamp");
    }

    [Fact]
    public void A_clean_data_set_loads_without_rejects()
    {
        data.Summary.UsersLoaded.Should().Be(3000);
        data.Summary.EventsLoaded.Should().Be(data.Report.CleanEvents);
        data.Summary.UsersRejected.Should().Be(0);
        data.Summary.EventsRejected.Should().Be(0);
    }

    [Fact]
    public void No_event_is_before_signup_or_after_the_reference_now()
    {
        data.Value("SELECT count(*) FROM events e JOIN users u USING (user_id) WHERE e.\"timestamp\" < u.signup_date").Should().Be(0);
        data.Value("SELECT count(*) FROM events WHERE \"timestamp\" >= TIMESTAMP '2025-12-31'").Should().Be(0);
    }

    [Fact]
    public void Sessions_start_with_login_and_purchases_follow_a_cart()
    {
        // A session is a run of events less than 30 minutes apart; the first event of each is LOGIN.
        data.Value("""
            SELECT count(*) FROM (
                SELECT event_name, "timestamp" - lag("timestamp") OVER w AS gap, lag(event_name) OVER w AS previous
                FROM events WINDOW w AS (PARTITION BY user_id ORDER BY "timestamp"))
            WHERE (gap IS NULL OR gap >= INTERVAL 30 MINUTE) AND event_name <> 'LOGIN'
            """).Should().Be(0);
        data.Value("""
            SELECT count(*) FROM (
                SELECT event_name, lag(event_name) OVER (PARTITION BY user_id ORDER BY "timestamp") AS previous FROM events)
            WHERE event_name = 'PURCHASE_MADE' AND previous IS DISTINCT FROM 'ADDED_TO_CART'
            """).Should().Be(0);
    }

    [Fact]
    public void Some_carts_are_bought_and_some_abandoned()
    {
        var carts = data.Value("SELECT count(*) FROM events WHERE event_name = 'ADDED_TO_CART'");
        var purchases = data.Value("SELECT count(*) FROM events WHERE event_name = 'PURCHASE_MADE'");
        (purchases / carts).Should().BeInRange(0.25, 0.55);
    }

    [Fact]
    public void Ages_are_13_to_90_and_mostly_20_to_45()
    {
        data.Value("SELECT min(age) FROM users").Should().BeGreaterThanOrEqualTo(13);
        data.Value("SELECT max(age) FROM users").Should().BeLessThanOrEqualTo(90);
        data.Value("SELECT avg(CASE WHEN age BETWEEN 20 AND 45 THEN 1.0 ELSE 0 END) FROM users WHERE age IS NOT NULL").Should().BeGreaterThan(0.6);
    }

    [Fact]
    public void Signups_span_the_last_four_years()
    {
        data.Value("SELECT date_diff('day', min(signup_date), DATE '2025-12-31') FROM users").Should().BeInRange(1000, 1461);
        data.Value("SELECT date_diff('day', max(signup_date), DATE '2025-12-31') FROM users").Should().BeInRange(1, 30);
    }

    [Fact]
    public void Users_average_about_fifty_events_with_a_heavy_tail_and_a_quarter_never_return()
    {
        var average = data.Value("SELECT count(*) / 3000.0 FROM events");
        average.Should().BeInRange(35, 65);
        data.Value("SELECT max(n) FROM (SELECT count(*) AS n FROM events GROUP BY user_id)").Should().BeGreaterThan(10 * average);
        var oneSession = data.Value("SELECT count(*) / 3000.0 FROM (SELECT user_id FROM events WHERE event_name = 'LOGIN' GROUP BY user_id HAVING count(*) = 1)");
        oneSession.Should().BeInRange(0.18, 0.32);
    }

    [Fact]
    public void Plans_and_devices_have_plausible_shares()
    {
        data.Value("SELECT avg(CASE WHEN subscription_plan = 'Free' THEN 1.0 ELSE 0 END) FROM users").Should().BeInRange(0.45, 0.65);
        data.Value("SELECT count(DISTINCT device_type) FROM users").Should().BeGreaterThanOrEqualTo(3);
        data.Value("SELECT count(DISTINCT location) FROM users").Should().BeGreaterThan(40);
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
