using System.Linq.Expressions;
using System.Text.Json;
using DuckMart.Domain;
using DuckMart.Segments.Linq;
using DuckMart.Segments.Linq.Recognition;
using DuckMart.Segments.Spec;
using DuckMart.Segments.Tests.Translation;
using LinqToDB;

namespace DuckMart.Segments.Tests.Linq;

/// <summary>
/// Plain LINQ over users and their events, run through <see cref="SegmentQueryableExtensions.WhereSegment(IQueryable{User}, Expression{Func{User, bool}}, out EnginePath)"/>:
/// each recognised form must take the segment path and select exactly the users plain linq2db selects; a form the
/// engine cannot say must fall back (partial or linq) with the same users.
/// </summary>
public sealed class SegmentRecognizerTests(SampleData data) : IClassFixture<SampleData>
{
    private static readonly DateTime May20 = new(2025, 5, 20, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime May31 = new(2025, 5, 31, 0, 0, 0, DateTimeKind.Utc);

    public static TheoryData<string, Expression<Func<User, bool>>> Recognised() => new()
    {
        { "age gte", u => u.Age >= 30 },
        { "age flipped", u => 30 < u.Age },
        { "age between", u => u.Age >= 25 && u.Age <= 34 },
        { "location eq", u => u.Location == "California" },
        { "location neq", u => u.Location != "California" },
        { "is null", u => u.Age == null },
        { "is not null", u => u.SignupDate != null },
        { "date lt", u => u.SignupDate < new DateOnly(2025, 5, 15) },
        { "in", u => new[] { "California", "New York" }.Contains(u.Location) },
        { "in list", u => new List<string?> { "iOS", "ios" }.Contains(u.DeviceType) },
        { "contains", u => u.Name!.Contains("x") },
        { "lowered eq", u => u.Location!.ToLower() == "california" },
        { "lowered in", u => new[] { "ios", "android" }.Contains(u.DeviceType!.ToLower()) },
        { "lowered contains", u => u.Name!.ToLower().Contains("a") },
        { "date number (OData's Edm.Date)", u => u.SignupDate!.Value.Year * 10000 + u.SignupDate.Value.Month * 100 + u.SignupDate.Value.Day >= 20250502 },
        { "starts with", u => u.Name!.StartsWith("a") },
        { "ends with", u => u.Name!.EndsWith("b") },
        { "not", u => !(u.Age > 30) },
        { "or", u => u.Location == "California" || u.Age == null },
        { "any", u => u.Events.Any() },
        { "no events", u => !u.Events.Any() },
        { "any named", u => u.Events.Any(e => e.EventName == "LOGIN") },
        { "any in window", u => u.Events.Any(e => e.EventName == "PURCHASE_MADE" && e.Timestamp >= May20 && e.Timestamp < May31) },
        { "any via where", u => u.Events.Where(e => e.EventName == "LOGIN").Any(e => e.Timestamp >= May20) },
        { "all after", u => u.Events.All(e => e.Timestamp >= May20) },
        { "count gte", u => u.Events.Count(e => e.EventName == "LOGIN") >= 2 },
        { "count eq 0", u => u.Events.Count(e => e.EventName == "PURCHASE_MADE") == 0 },
        { "long count window", u => u.Events.Where(e => e.EventName == "LOGIN" && e.Timestamp >= May20).LongCount() < 2 },
        { "first before", u => u.Events.Where(e => e.EventName == "PURCHASE_MADE").Min(e => e.Timestamp) < May20 },
        { "last after", u => u.Events.Max(e => e.Timestamp) >= May31 },
        { "attribute and event", u => u.Location == "California" && u.Events.Any(e => e.EventName == "LOGIN") },
    };

    public static TheoryData<string, Expression<Func<User, bool>>, EnginePath> FallBack() => new()
    {
        { "arithmetic", u => u.Age + 1 > 31, EnginePath.Linq },
        { "string length", u => u.Name!.Length == 3, EnginePath.Linq },
        { "lowered against upper case", u => u.Location!.ToLower() == "California", EnginePath.Linq },
        { "two names in one event", u => u.Events.Any(e => e.EventName == "LOGIN" && e.EventName == "PURCHASE_MADE"), EnginePath.Linq },
        { "unnormalised name", u => u.Events.Any(e => e.EventName == "login"), EnginePath.Linq },
        { "all by name", u => u.Events.All(e => e.EventName == "LOGIN"), EnginePath.Linq },
        { "or with an unknown part", u => u.Age > 30 || u.Name!.Length == 3, EnginePath.Linq },
        { "partial", u => u.Events.Any(e => e.EventName == "LOGIN") && u.Name!.Length == 3, EnginePath.Partial },
        { "partial arithmetic", u => u.Age >= 25 && u.Age * 2 < 70, EnginePath.Partial },
    };

    [Theory]
    [MemberData(nameof(Recognised))]
    public void A_recognised_form_runs_on_the_segment_engine_with_the_users_of_plain_linq(string form, Expression<Func<User, bool>> predicate)
    {
        using var db = data.Open();
        var engine = db.Users.WhereSegment(predicate, out var path).Select(u => u.UserId).OrderBy(id => id).ToList();
        var plain = db.Users.Where(predicate).Select(u => u.UserId).OrderBy(id => id).ToList();

        path.Should().Be(EnginePath.Segment, form);
        SegmentRecognizer.Recognize(predicate).Should().NotBeNull(form);
        engine.Should().Equal(plain, form);
    }

    [Theory]
    [MemberData(nameof(FallBack))]
    public void A_form_the_engine_cannot_say_falls_back_with_the_same_users(string form, Expression<Func<User, bool>> predicate, EnginePath expected)
    {
        using var db = data.Open();
        var engine = db.Users.WhereSegment(predicate, out var path).Select(u => u.UserId).OrderBy(id => id).ToList();
        var plain = db.Users.Where(predicate).Select(u => u.UserId).OrderBy(id => id).ToList();

        path.Should().Be(expected, form);
        engine.Should().Equal(plain, form);
    }

    [Fact]
    public void Count_over_events_becomes_the_engines_grouped_shape_not_a_correlated_subquery()
    {
        using var db = data.Open();
        var sql = db.Users.WhereSegment(u => u.Events.Count(e => e.EventName == "LOGIN") >= 2).Select(u => u.UserId).ToSqlQuery().Sql;

        sql.Should().Contain("GROUP BY").And.Contain("HAVING");
    }

    [Fact]
    public void The_recognised_condition_is_the_model_the_json_spec_reads_into()
    {
        var condition = SegmentRecognizer.Recognize(u => u.Location == "California" && u.Events.Count(e => e.EventName == "LOGIN" && e.Timestamp >= May20) >= 3);

        JsonSerializer.Serialize(condition, SegmentJson.Options).Should().Be(
            """{"type":"and","of":[{"type":"attribute","field":"location","op":"eq","value":"California","ignoreCase":false},"""
            + """{"type":"event","name":"LOGIN","window":{"from":"2025-05-20T00:00:00\u002B00:00"},"count":{"op":"gte","value":3}}]}""");
    }

    [Fact]
    public void A_where_over_the_engine_still_composes_with_more_linq()
    {
        using var db = data.Open();
        var ids = db.Users.WhereSegment(u => u.Events.Any(e => e.EventName == "LOGIN"))
            .Where(u => u.Name != null).OrderByDescending(u => u.UserId).Select(u => u.UserId).Take(2).ToList();

        ids.Should().Equal(db.Users.Where(u => u.Events.Any(e => e.EventName == "LOGIN")).Where(u => u.Name != null)
            .OrderByDescending(u => u.UserId).Select(u => u.UserId).Take(2).ToList());
    }
}
