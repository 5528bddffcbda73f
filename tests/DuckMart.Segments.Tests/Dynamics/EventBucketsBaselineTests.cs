using DuckMart.Segments.Dynamics;
using DuckMart.Segments.Spec;
using DuckMart.Segments.Tests.Baselines;
using DuckMart.Segments.Tests.Spec;
using DuckMart.Segments.Tests.Translation;
using static DuckMart.Segments.Tests.SpecBuilder;

namespace DuckMart.Segments.Tests.Dynamics;

/// <summary>
/// The one statement of the one-scan size plan (SizesPlan.EventBuckets) for 30 daily points ending at
/// 2025-12-31, one reviewed file per shape it answers; and the shapes it leaves to a query a point.
/// </summary>
public sealed class EventBucketsBaselineTests(SampleData data) : IClassFixture<SampleData>
{
    public static readonly Dictionary<string, Condition> Specs = new()
    {
        ["buckets-count-in-window"] = new EventCondition("PURCHASE_MADE", Last("P30D"), Count: Count("gte", 3)),
        ["buckets-count-eq-zero"] = new EventCondition("LOGIN", Last("P14D"), Count: Count("eq", 0)),
        ["buckets-distinct-days"] = new EventCondition("LOGIN", Last("P30D"), DistinctDays: Count("gte", 5)),
        ["buckets-first-after"] = new EventCondition("PURCHASE_MADE", First: Time("after", "-P7D")),
        ["buckets-last-before"] = new EventCondition("LOGIN", Last: Time("before", "-P30D")),
        ["buckets-attribute-and-event"] = new AndCondition([Attr("location", "eq", "California"), new EventCondition("LOGIN")]),
        ["buckets-cart-not-purchased"] = new AndCondition([new EventCondition("ADDED_TO_CART"), new NotCondition(new EventCondition("PURCHASE_MADE"))]),
        ["buckets-segment-reference"] = new AndCondition([new SegmentCondition("buyers"), Attr("deviceType", "eq", "iOS")]),
    };

    public static TheoryData<string> Names => [.. Specs.Keys];

    /// <summary>The shapes of the membership-mask plan (SizesPlan.MembershipMasks): events that matter only by whether one happened.</summary>
    public static readonly Dictionary<string, Condition> MaskSpecs = new()
    {
        ["masks-first-after"] = new EventCondition("PURCHASE_MADE", First: Time("after", "-P7D")),
        ["masks-last-before"] = new EventCondition("LOGIN", Last: Time("before", "-P30D")),
        ["masks-attribute-and-event"] = new AndCondition([Attr("location", "eq", "California"), new EventCondition("LOGIN")]),
        ["masks-cart-not-purchased"] = new AndCondition([new EventCondition("ADDED_TO_CART"), new NotCondition(new EventCondition("PURCHASE_MADE"))]),
        ["masks-none-in-window-or-attribute"] = new OrCondition([new EventCondition("LOGIN", Last("P14D"), Count: Count("eq", 0)), Attr("deviceType", "eq", "iOS")]),
        ["masks-count-in-window"] = new EventCondition("PURCHASE_MADE", Last("P30D"), Count: Count("gte", 3)),
        ["masks-distinct-days"] = new EventCondition("LOGIN", Last("P30D"), DistinctDays: Count("gte", 5)),
        ["masks-cart-then-no-purchase-7d"] = new SequenceCondition([new SequenceStep("ADDED_TO_CART"), new SequenceStep("PURCHASE_MADE", IsoDuration.Parse("P7D"), Absent: true)]),
        ["masks-funnel-view-cart-purchase"] = new SequenceCondition(
            [new SequenceStep("VIEW_PRODUCT"), new SequenceStep("ADDED_TO_CART", IsoDuration.Parse("PT1H")), new SequenceStep("PURCHASE_MADE", IsoDuration.Parse("P1D"))],
            Last("P30D")),
        ["masks-count-eq-and-attribute"] = new AndCondition([Attr("deviceType", "eq", "iOS"), new EventCondition("LOGIN", Last("P14D"), Count: Count("eq", 2)), new NotCondition(new EventCondition("PURCHASE_MADE"))]),
    };

    public static TheoryData<string> MaskNames => [.. MaskSpecs.Keys];

    private static readonly DictionarySavedSegments Saved =
        new(new Dictionary<string, Condition> { ["buyers"] = new EventCondition("PURCHASE_MADE", Last("P90D"), Count: Count("gte", 2)) });

    private static readonly IReadOnlyList<DateTimeOffset> Daily =
        SizePoints.Between(DateTimeOffset.Parse("2025-12-02T00:00:00Z"), DateTimeOffset.Parse("2025-12-31T00:00:00Z"), TimeSpan.FromDays(1));

    [Theory]
    [MemberData(nameof(Names))]
    public void The_one_scan_statement_matches_the_reviewed_baseline(string name)
    {
        using var db = data.Open();
        var statement = SegmentSizes.ExplainEventBuckets(db, Specs[name], Daily, TimeZoneInfo.Utc, Saved);

        statement.Should().NotBeNull();
        SqlBaselines.Verify(name, SqlBaselines.Render(statement!.Value.Sql, statement.Value.Parameters));
    }

    [Theory]
    [MemberData(nameof(MaskNames))]
    public void The_mask_statement_matches_the_reviewed_baseline(string name)
    {
        using var db = data.Open();
        var statement = SegmentSizes.ExplainEventBuckets(db, MaskSpecs[name], Daily, TimeZoneInfo.Utc, Saved, SizesPlan.MembershipMasks);

        statement.Should().NotBeNull();
        SqlBaselines.Verify(name, SqlBaselines.Render(statement!.Value.Sql, statement.Value.Parameters));
    }

    public static TheoryData<string> MaskDeclined => new()
    {
        """{ "type": "event", "name": "PURCHASE_MADE", "count": { "op": "gte", "value": 3 } }""",
        """{ "type": "event", "name": "LOGIN", "distinctDays": { "op": "gte", "value": 5 }, "window": { "last": "PT36H" } }""",
        """{ "type": "event", "name": "LOGIN", "first": { "op": "after", "value": "2025-12-01T00:00:00Z" } }""",
        """{ "type": "event", "name": "LOGIN", "last": { "op": "before", "value": "-PT12H" } }""",
        """{ "type": "sequence", "window": { "from": "2025-11-01T00:00:00Z" }, "steps": [ { "name": "VIEW_PRODUCT" }, { "name": "ADDED_TO_CART", "within": "PT1H" } ] }""",
    };

    [Theory]
    [MemberData(nameof(MaskDeclined))]
    public void A_part_beyond_whether_an_event_happened_leaves_the_mask_plan_to_a_query_a_point(string condition)
    {
        using var db = data.Open();
        var where = SpecReading.Request($$"""{ "where": {{condition}} }""").Where;

        SegmentSizes.ReadsEventsOnce(db, where, Daily, TimeZoneInfo.Utc, Saved, SizesPlan.MembershipMasks).Should().BeFalse();
    }

    [Fact]
    public void More_points_than_a_mask_holds_are_left_to_the_other_plans()
    {
        using var db = data.Open();
        var where = new EventCondition("LOGIN", Last: Time("before", "-P30D"));
        var to = DateTimeOffset.Parse("2025-12-31T00:00:00Z");

        SegmentSizes.ReadsEventsOnce(db, where, SizePoints.Between(to.AddDays(-61), to, TimeSpan.FromDays(1)), TimeZoneInfo.Utc, Saved, SizesPlan.MembershipMasks).Should().BeTrue();
        SegmentSizes.ReadsEventsOnce(db, where, SizePoints.Between(to.AddDays(-62), to, TimeSpan.FromDays(1)), TimeZoneInfo.Utc, Saved, SizesPlan.MembershipMasks).Should().BeFalse();
    }

    public static TheoryData<string> Declined => new()
    {
        """{ "type": "sequence", "steps": [ { "name": "ADDED_TO_CART" }, { "name": "PURCHASE_MADE", "absent": true, "within": "P7D" } ] }""",
        """{ "type": "event", "name": "LOGIN", "window": { "from": "2025-12-01T00:00:00Z" } }""",
        """{ "type": "event", "name": "LOGIN", "window": { "last": "PT12H" } }""",
        """{ "type": "attribute", "field": "signupDate", "op": "inLast", "value": "P30D" }""",
        """{ "type": "and", "of": [ { "type": "event", "name": "LOGIN" }, { "type": "attribute", "field": "signupDate", "op": "gte", "value": "-P7D" } ] }""",
        """{ "type": "event", "name": "LOGIN", "distinctDays": { "op": "gte", "value": 2 } }""",
    };

    [Theory]
    [MemberData(nameof(Declined))]
    public void A_part_it_cannot_express_exactly_leaves_the_series_to_a_query_a_point(string condition)
    {
        using var db = data.Open();
        var where = SpecReading.Request($$"""{ "where": {{condition}} }""").Where;

        SegmentSizes.ReadsEventsOnce(db, where, Daily, TimeZoneInfo.Utc, Saved).Should().BeFalse();
    }

    [Fact]
    public void Distinct_days_outside_utc_days_are_left_to_a_query_a_point()
    {
        using var db = data.Open();
        var where = new EventCondition("LOGIN", Last("P30D"), DistinctDays: Count("gte", 5));
        EvaluationTime.TryFindZone("America/New_York", out var zone);

        SegmentSizes.ReadsEventsOnce(db, where, Daily, TimeZoneInfo.Utc, Saved).Should().BeTrue();
        SegmentSizes.ReadsEventsOnce(db, where, Daily, zone, Saved).Should().BeFalse();
        SegmentSizes.ReadsEventsOnce(db, where, Daily, TimeZoneInfo.Utc, Saved, SizesPlan.MembershipMasks).Should().BeTrue();
        SegmentSizes.ReadsEventsOnce(db, where, Daily, zone, Saved, SizesPlan.MembershipMasks).Should().BeFalse();
        SegmentSizes.ReadsEventsOnce(db, where, [.. Daily.Select(p => p.AddHours(1))], TimeZoneInfo.Utc, Saved, SizesPlan.MembershipMasks).Should().BeFalse("points off midnight split UTC days across buckets");
    }
}
