using DuckMart.Segments.Spec;
using DuckMart.Segments.Tests.Translation;
using static DuckMart.Segments.Tests.SpecBuilder;

namespace DuckMart.Segments.Tests.Rendering;

/// <summary>
/// The engine's own translation cache (Rendering/Cache): a plan shape seen twice is served from its SQL with the new
/// values bound, never entering linq2db, and every answer it gives is the answer of a fresh render. The cache is
/// process-wide, so each test uses shapes of its own or asserts only what holds whoever taught the shape.
/// </summary>
public sealed class TranslationCacheTests(SampleData data) : IClassFixture<SampleData>
{
    private static readonly EvaluationTime Time = At(SampleData.AsOf);

    [Fact]
    public async Task A_shape_seen_twice_binds_new_values_into_its_sql_without_entering_linq2db()
    {
        using var db = data.Open();
        Condition Spec(long logins, string city) => new AndCondition([
            new EventCondition("LOGIN", Count: Count("gte", logins)),
            Attr("location", "neq", city),
        ]);
        // gte 1 would be another plan (a plain "did it" set), so every request here counts at least 2.
        SegmentQuery.Create(db, Spec(3, "Paris"), Time, NoSavedSegments.Instance).FromTranslationCache.Should().BeFalse("the first sighting renders");
        SegmentQuery.Create(db, Spec(4, "Rome"), Time, NoSavedSegments.Instance).Explain();

        var (query, renderings) = SqlRenderings.Count(() =>
        {
            var q = SegmentQuery.Create(db, Spec(2, "California"), Time, NoSavedSegments.Instance);
            q.Explain();
            return q;
        });

        query.FromTranslationCache.Should().BeTrue();
        renderings.Should().Be(0, "the third sighting of a shape takes its SQL from the translation cache");
        query.Explain().Parameters.Values.Should().Contain(2L).And.Contain("California");
        (await SegmentRuns.IdsAsync(query)).Should().Equal(2);
        (await query.CountAsync(CancellationToken.None)).Should().Be(1);
    }

    [Fact]
    public async Task Every_value_set_of_a_cached_shape_gets_the_answer_of_a_fresh_render()
    {
        using var db = data.Open();

        // Windows that are equal in one request and differ in the next (linq2db merges equal parameters of one name),
        // strings that repeat inside an in list, and a count: each request asked several times, so most are cache hits.
        var cases = new (string Cart, string Purchase, string[] Places, long Views)[]
        {
            ("P30D", "P30D", ["california", "new york"], 1), ("P30D", "P1D", ["california", "new york"], 1),
            ("P1D", "P30D", ["zoë", "zoë"], 1), ("P30D", "P30D", ["california", "california"], 2),
            ("P7D", "P1D", ["new york", "california"], 0), ("P30D", "P1D", ["san_diego", "new york"], 1),
            ("P30D", "P30D", ["california", "new york"], 3),
        };
        var served = 0;
        foreach (var round in Enumerable.Range(0, 3))
        {
            foreach (var (cart, purchase, places, views) in cases)
            {
                var spec = new OrCondition([
                    new AndCondition([new EventCondition("ADDED_TO_CART", Last(cart)), new NotCondition(new EventCondition("PURCHASE_MADE", Last(purchase)))]),
                    new AndCondition([
                        new AttributeCondition("location", "in", System.Text.Json.JsonSerializer.SerializeToElement(places), IgnoreCase: true),
                        new EventCondition("VIEW_PRODUCT", Count: Count("gte", views + 1)),
                    ]),
                ]);
                var query = SegmentQuery.Create(db, spec, Time, NoSavedSegments.Instance);
                served += query.FromTranslationCache ? 1 : 0;
                var fresh = query.UserIds.ToList();

                (await SegmentRuns.IdsAsync(query)).Should().Equal(fresh, "round {0}, {1}/{2} {3} views {4}", round, cart, purchase, string.Join("+", places), views);
                (await query.CountAsync(CancellationToken.None)).Should().Be(fresh.Count);
            }
        }

        served.Should().BeGreaterThan(10, "most of these requests share a few shapes, so the cache answered them");
    }

    [Fact]
    public void A_query_used_only_as_a_linq_predicate_renders_no_sql_and_teaches_nothing()
    {
        using var db = data.Open();
        Condition Spec(long views) => new AndCondition([new EventCondition("VIEW_PRODUCT", Count: Count("gte", views)), Attr("deviceType", "neq", "Palm")]);
        foreach (var views in new long[] { 2, 3, 4 })
        {
            var (_, renderings) = SqlRenderings.Count(() => SegmentQuery.Create(db, Spec(views), Time, NoSavedSegments.Instance).Predicate);
            renderings.Should().Be(0, "a predicate is composed into the caller's query; its SQL is never needed here");
        }

        SegmentQuery.Create(db, Spec(5), Time, NoSavedSegments.Instance).FromTranslationCache.Should().BeFalse("nobody asked for SQL, so nothing was learnt");
    }

    [Theory]
    [InlineData("gte", "-P30D")]
    [InlineData("inLast", "P30D")]
    public async Task A_date_computed_from_asOf_is_never_served_from_the_cache(string op, string value)
    {
        using var db = data.Open();
        var spec = new AndCondition([Attr("signupDate", op, value), Attr("deviceType", "isNotNull")]);
        SegmentQuery.Create(db, spec, Time, NoSavedSegments.Instance).Explain();
        SegmentQuery.Create(db, spec, Time, NoSavedSegments.Instance).Explain();

        var later = SegmentQuery.Create(db, spec, At("2025-06-20T00:00:00Z"), NoSavedSegments.Instance);
        later.FromTranslationCache.Should().BeFalse("the parameter is computed from asOf, so the shape stays with linq2db");
        (await SegmentRuns.IdsAsync(later)).Should().Equal(later.UserIds.ToList());
    }
}
