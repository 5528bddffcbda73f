using DuckMart.Segments.Spec;
using DuckMart.Segments.Tests.Translation;
using static DuckMart.Segments.Tests.SpecBuilder;

namespace DuckMart.Segments.Tests.Baselines;

/// <summary>The SQL of a fixed set of specs, one reviewed file each; a change in shape shows up as a diff.</summary>
public sealed class SqlBaselineTests(SampleData data) : IClassFixture<SampleData>
{
    public static readonly Dictionary<string, Condition> Specs = new()
    {
        ["attribute-eq"] = Attr("location", "eq", "California"),
        ["attribute-neq"] = Attr("location", "neq", "California"),
        ["attribute-in-ignore-case"] = Attr("deviceType", "in", new[] { "iOS", "Android" }, ignoreCase: true),
        ["attribute-in-long-list"] = Attr("userId", "in", Enumerable.Range(1, 12).Select(i => (long)i * 7).ToArray()),
        ["attribute-not-in-long-list-ignore-case"] = Attr("location", "notIn", Enumerable.Range(1, 10).Select(i => $"Region {i}").ToArray(), ignoreCase: true),
        ["attribute-not-in"] = Attr("subscriptionPlan", "notIn", new[] { "Free", "Premium" }),
        ["attribute-between"] = Attr("age", "between", new[] { 25, 34 }),
        ["attribute-contains"] = Attr("name", "contains", "50%_off"),
        ["attribute-starts-with-ignore-case"] = Attr("name", "startsWith", "Ann", ignoreCase: true),
        ["attribute-is-null"] = Attr("gender", "isNull"),
        ["attribute-date-relative"] = Attr("signupDate", "gte", "-P30D"),
        ["attribute-in-last"] = Attr("signupDate", "inLast", "P2W"),
        ["not-attribute"] = new NotCondition(Attr("age", "gt", 20)),
        ["not-and-or"] = new NotCondition(new AndCondition([Attr("age", "lt", 18), new OrCondition([Attr("location", "eq", "California"), Attr("deviceType", "isNull")])])),
        ["brief-age-band"] = Attr("age", "between", new[] { 25, 34 }),
        ["brief-california-login"] = new AndCondition([Attr("location", "eq", "California"), new EventCondition("LOGIN")]),
        ["event-any"] = new EventCondition(),
        ["event-count-gte"] = new EventCondition("PURCHASE_MADE", Last("P30D"), Count: Count("gte", 3)),
        ["event-count-eq-zero"] = new EventCondition("LOGIN", Last("P14D"), Count: Count("eq", 0)),
        ["event-count-lt"] = new EventCondition("LOGIN", Last("P14D"), Count: Count("lt", 3)),
        ["event-count-between"] = new EventCondition("LOGIN", Between("2025-05-01", "2025-06-01"), Count: Count("between", new[] { 2, 5 })),
        ["event-distinct-days-utc"] = new EventCondition("LOGIN", Last("P30D"), DistinctDays: Count("gte", 5)),
        ["event-distinct-days-zone"] = new EventCondition("LOGIN", Last("P30D"), DistinctDays: Count("gte", 5)),
        ["event-distinct-days-across-dst-zone"] = new EventCondition("LOGIN", Between("2025-10-01", "2025-12-01"), DistinctDays: Count("gte", 5)),
        ["event-distinct-days-open-window-zone"] = new EventCondition("LOGIN", DistinctDays: Count("gte", 5)),
        ["event-first-after"] = new EventCondition("PURCHASE_MADE", First: Time("after", "-P7D")),
        ["event-first-between-in-window"] = new EventCondition("PURCHASE_MADE", Last("P90D"), First: Time("between", new[] { "-P30D", "-P7D" })),
        ["event-first-after-window-start"] = new EventCondition("PURCHASE_MADE", Last("P7D"), First: Time("after", "-P30D")),
        ["event-last-before"] = new EventCondition("LOGIN", Last: Time("before", "-P30D")),
        ["not-event"] = new NotCondition(new EventCondition("PURCHASE_MADE", Last("P30D"))),
        ["cart-not-purchased"] = new AndCondition([new EventCondition("ADDED_TO_CART", Last("P7D")), new NotCondition(new EventCondition("PURCHASE_MADE", Last("P7D")))]),
        ["sequence-funnel"] = new SequenceCondition([Step("VIEW_PRODUCT"), Step("ADDED_TO_CART", "PT1H"), Step("PURCHASE_MADE", "P1D")], Last("P30D")),
        ["sequence-no-within"] = new SequenceCondition([Step("VIEW_PRODUCT"), Step("ADDED_TO_CART"), Step("PURCHASE_MADE", "P1D")], Last("P30D")),
        ["sequence-absent-after-one-step"] = new SequenceCondition([Step("ADDED_TO_CART"), Step("PURCHASE_MADE", "P7D", absent: true)]),
        ["sequence-absent"] = new SequenceCondition([Step("VIEW_PRODUCT"), Step("ADDED_TO_CART", "PT1H"), Step("PURCHASE_MADE", "P1D", absent: true)], Last("P30D")),
        // An or of an attribute-and-event pair and an event: the "did it" list under the or is read one row per user.
        ["or-attribute-and-event"] = new OrCondition([new AndCondition([Attr("location", "eq", "California"), new EventCondition("LOGIN")]), new EventCondition("PURCHASE_MADE", Last("P30D"), Count: Count("gte", 3))]),
        // not (cart and not purchase) = not in (cart EXCEPT purchase): one anti-join of a set difference.
        ["not-cart-without-purchase"] = new NotCondition(new AndCondition([new EventCondition("ADDED_TO_CART"), new NotCondition(new EventCondition("PURCHASE_MADE"))])),
        ["segment-reference"] = new AndCondition([new SegmentCondition("buyers"), Attr("age", "gte", 18)]),
    };

    public static TheoryData<string> Names => [.. Specs.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void Sql_matches_the_reviewed_baseline(string name)
    {
        using var db = data.Open();
        var saved = new DictionarySavedSegments(new Dictionary<string, Condition> { ["buyers"] = new EventCondition("PURCHASE_MADE", Last("P90D")) });
        var zone = name.EndsWith("-zone", StringComparison.Ordinal) ? "America/New_York" : "UTC";
        var (sql, parameters) = SegmentQuery.Create(db, Specs[name], At("2025-12-31T00:00:00Z", zone), saved).Explain();

        SqlBaselines.Verify(name, SqlBaselines.Render(sql, parameters));
    }
}
