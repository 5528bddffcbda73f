using DuckMart.Segments.Spec;
using static DuckMart.Segments.Tests.SpecBuilder;

namespace DuckMart.Segments.Tests.Translation;

/// <summary>
/// linq2db caches a query by its shape and reuses it with new parameter values. These pin that a reused shape
/// never keeps an old value, even where linq2db merged two parameters that happened to be equal the first time.
/// </summary>
public sealed class QueryCacheTests(SampleData data) : IClassFixture<SampleData>
{
    private static Condition CartNotPurchased(string cartWindow, string purchaseWindow) => new AndCondition([
        new EventCondition("ADDED_TO_CART", Last(cartWindow)),
        new NotCondition(new EventCondition("PURCHASE_MADE", Last(purchaseWindow))),
    ]);

    [Fact]
    public void Equal_values_merged_into_one_parameter_do_not_leak_into_a_later_query_of_the_same_shape()
    {
        using var db = data.Open();
        var time = At(SampleData.AsOf);
        SegmentQuery.Create(db, CartNotPurchased("P30D", "P30D"), time, NoSavedSegments.Instance).UserIds.ToList()
            .Should().Equal(5);

        // Users 1, 3 and 4 purchased within 30 days, but only 4 within 1 day.
        var later = SegmentQuery.Create(db, CartNotPurchased("P30D", "P1D"), time, NoSavedSegments.Instance);
        later.UserIds.ToList().Should().Equal(1, 3, 5);
        later.Explain().Parameters.Values.OfType<DateTime>().Distinct().Should().HaveCount(3);
    }

    [Fact]
    public void The_same_shape_with_new_values_gives_new_answers()
    {
        using var db = data.Open();
        foreach (var (count, expected) in new[] { (1L, new long[] { 1, 2, 3 }), (2L, [1, 2]), (3L, [2]) })
        {
            SegmentQuery.Create(db, new EventCondition("LOGIN", Count: Count("gte", count)), At(SampleData.AsOf), NoSavedSegments.Instance)
                .UserIds.ToList().Should().Equal(expected);
        }
    }

    [Fact]
    public void Equal_bounds_of_a_number_range_do_not_leak_into_a_later_range_of_the_same_shape()
    {
        using var db = data.Open();
        var time = At(SampleData.AsOf);
        SegmentQuery.Create(db, Attr("age", "between", new[] { 30, 30 }), time, NoSavedSegments.Instance).UserIds.ToList().Should().Equal(1);
        SegmentQuery.Create(db, Attr("age", "between", new[] { 25, 34 }), time, NoSavedSegments.Instance).UserIds.ToList().Should().Equal(1, 3, 4);
        SegmentQuery.Create(db, new NotCondition(Attr("signupDate", "gte", "2025-05-31")), time, NoSavedSegments.Instance).UserIds.ToList().Should().Equal(2, 3, 4, 6);
        SegmentQuery.Create(db, new NotCondition(Attr("signupDate", "gte", "2025-05-02")), time, NoSavedSegments.Instance).UserIds.ToList().Should().Equal(2, 4, 6);
    }
}
