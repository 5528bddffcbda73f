using DuckMart.Segments.Spec;
using DuckMart.Segments.Tests.Differential;
using DuckMart.Segments.Tests.Translation;
using static DuckMart.Segments.Tests.SpecBuilder;

namespace DuckMart.Segments.Tests.Rendering;

/// <summary>
/// linq2db caches a compiled query by the shape of its expression tree, and merges parameters of one name and one
/// value while it builds one (the translation cache's equality pattern exists for the same reason). These check that a
/// plan shape rendered while two of its bounds were equal (both named <c>before</c>: a first-after whose recent span
/// is empty) still answers right when the next request of that shape has them apart, and the same for two windows.
/// Written to test a suspect of the rare disagreement <see cref="RecognizerDifferentialTests"/> found (the engine
/// selecting nobody for a first-after, not reproduced alone); they pass, so that order is not the cause. In a whole
/// run another test may compile the shape first, so only a run of this class alone is sure to test that order. Each
/// check is against the reference evaluator, not against linq2db, which would repeat its own mistake.
/// </summary>
public sealed class EqualValuesTests(SampleData data) : IClassFixture<SampleData>
{
    private static readonly EvaluationTime Time = At(SampleData.AsOf);

    private readonly ReferenceEvaluator _reference = new(SampleData.Users, SampleData.Events);

    [Theory]
    // first after a time at or past asOf: the recent span is empty and ends where the earlier one does (asOf).
    [InlineData("VIEW_PRODUCT", "2025-07-01", "2025-05-01")]
    [InlineData("LOGIN", "2025-06-01T00:00:00Z", "2025-05-15")]
    public void A_shape_first_rendered_with_two_equal_values_still_binds_them_apart_later(string name, string equal, string apart)
    {
        using var db = data.Open();
        foreach (var after in new[] { equal, apart, equal, apart })
        {
            var spec = new EventCondition(name, First: Time("after", after));
            Predicate(db, spec).Should().Equal(Expected(spec), "first {0} after {1}, as a LINQ predicate", name, after);
            SegmentQuery.Create(db, spec, Time, NoSavedSegments.Instance).UserIds.ToList()
                .Should().Equal(Expected(spec), "first {0} after {1}, as the ID query", name, after);
        }
    }

    [Fact]
    public void Two_windows_equal_in_one_request_and_different_in_the_next_each_keep_their_own_bound()
    {
        using var db = data.Open();
        foreach (var (cart, purchase) in new[] { ("P30D", "P30D"), ("P30D", "P1D"), ("P1D", "P30D"), ("P30D", "P30D") })
        {
            var spec = new AndCondition([new EventCondition("ADDED_TO_CART", Last(cart)), new NotCondition(new EventCondition("PURCHASE_MADE", Last(purchase)))]);
            Predicate(db, spec).Should().Equal(Expected(spec), "cart in {0}, no purchase in {1}", cart, purchase);
        }
    }

    [Fact]
    public void A_first_in_recent_with_and_without_a_window_start_keeps_its_own_earlier_span()
    {
        // User 4 bought on 04-01, 04-02 and 05-31: the first purchase in the last 30 days is in the last 7, the first
        // ever is not. The two plans differ only in the earlier span's start, inside a nested query.
        using var db = data.Open();
        foreach (var window in new[] { null, "P30D", null, "P30D" })
        {
            var spec = new EventCondition("PURCHASE_MADE", window is null ? null : Last(window), First: Time("between", new[] { "-P7D", "-PT1H" }));
            Predicate(db, spec).Should().Equal(Expected(spec), "first purchase in the last 7 days of {0}, as a LINQ predicate", window ?? "all time");
            Predicate(db, new NotCondition(spec)).Should().Equal(Expected(new NotCondition(spec)), "not first purchase in the last 7 days of {0}", window ?? "all time");
        }
    }

    private static List<long> Predicate(Data.DuckMartDb db, Condition spec) =>
        [.. db.Users.Where(SegmentQuery.Create(db, spec, Time, NoSavedSegments.Instance).Predicate).Select(u => u.UserId).OrderBy(id => id)];

    private IReadOnlyList<long> Expected(Condition spec) => _reference.Evaluate(spec, Time.AsOfUtc, Time.Zone);
}
