using System.Text.Json;
using DuckMart.Segments.Linq;
using DuckMart.Segments.Spec;
using DuckMart.Segments.Tests.Translation;
using static DuckMart.Segments.Tests.SpecBuilder;

namespace DuckMart.Segments.Tests.Linq;

public sealed class SegmentLinqTests(SampleData data) : IClassFixture<SampleData>
{
    private static readonly DateTimeOffset AsOf = DateTimeOffset.Parse(SampleData.AsOf, System.Globalization.CultureInfo.InvariantCulture);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { AllowOutOfOrderMetadataProperties = true, IgnoreReadOnlyProperties = true };

    [Fact]
    public void The_builder_makes_the_same_model_as_the_json_spec()
    {
        var built = Conditions.Attribute("location").Eq("California")
            .And(Conditions.Event("login").InLast("P30D").AtLeast(2))
            .And(Conditions.Attribute("signupDate").Between(new DateOnly(2025, 1, 1), "-P1D").Not());
        var json = """
            { "type": "and", "of": [
              { "type": "attribute", "field": "location", "op": "eq", "value": "California" },
              { "type": "event", "name": "LOGIN", "window": { "last": "P30D" }, "count": { "op": "gte", "value": 2 } },
              { "type": "not", "of": { "type": "attribute", "field": "signupDate", "op": "between", "value": ["2025-01-01", "-P1D"] } } ] }
            """;

        Canonical(built).Should().Be(Canonical(JsonSerializer.Deserialize<Condition>(json, Json)!));
    }

    [Fact]
    public void Users_where_segment_composes_with_other_linq()
    {
        using var db = data.Open();
        var segment = Segment.Where(Conditions.Event("LOGIN").AtLeast(1).Or(Conditions.Attribute("age").Gte(150)));

        db.Users.Where(segment, AsOf).Select(u => u.UserId).OrderBy(id => id).ToList().Should().Equal(1, 2, 3, 6);
        db.Users.Where(u => u.Age != null).Where(segment, AsOf).Where(u => u.UserId > 1).Select(u => u.UserId).OrderBy(id => id).ToList()
            .Should().Equal(3, 6);
    }

    [Fact]
    public void A_predicate_is_the_same_as_the_segment_query()
    {
        using var db = data.Open();
        var condition = Conditions.Sequence(Conditions.Step("VIEW_PRODUCT"), Conditions.Step("ADDED_TO_CART", "PT1H"), Conditions.Absent("PURCHASE_MADE", "P1D"));
        var predicate = Segment.Where(condition).ToPredicate(db, AsOf, "Europe/London");

        db.Users.Where(predicate).Select(u => u.UserId).OrderBy(id => id).ToList()
            .Should().Equal(SegmentQuery.Create(db, condition, At(SampleData.AsOf, "Europe/London"), NoSavedSegments.Instance).UserIds.ToList())
            .And.Equal(3, 4);
    }

    [Fact]
    public void Segments_combine_with_and_or_not()
    {
        using var db = data.Open();
        var californians = Segment.Where(Conditions.Attribute("location").Eq("california", ignoreCase: true));
        var loggedIn = Segment.Where(Conditions.Event("LOGIN"));

        db.Users.Where(californians.And(loggedIn.Not()), AsOf).Select(u => u.UserId).ToList().Should().BeEmpty();
        db.Users.Where(californians.Or(loggedIn), AsOf).Select(u => u.UserId).OrderBy(id => id).ToList().Should().Equal(1, 2, 3);
    }

    [Fact]
    public void An_unknown_attribute_is_refused_when_building()
    {
        var build = () => Conditions.Attribute("password");
        build.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void An_unknown_time_zone_is_refused()
    {
        using var db = data.Open();
        var run = () => Segment.Where(Conditions.Event()).ToPredicate(db, AsOf, "Mars/Olympus");
        run.Should().Throw<SegmentException>().Which.Errors.Should().ContainSingle(e => e.Code == "unknown_timezone");
    }

    [Fact(Skip = "SegmentSpecReader.ReadCondition is written on the spec branch; enable once it is merged.")]
    public void Parse_accepts_a_bare_condition_or_a_where_wrapper()
    {
        var bare = Segment.Parse("""{ "type": "event", "name": "LOGIN" }""");
        var wrapped = Segment.Parse("""{ "where": { "type": "event", "name": "LOGIN" } }""");

        Canonical(wrapped.Condition).Should().Be(Canonical(bare.Condition));
    }

    private static string Canonical(Condition c) => JsonSerializer.Serialize(c, Json);
}
