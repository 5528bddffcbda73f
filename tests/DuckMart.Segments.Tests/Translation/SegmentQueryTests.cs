using DuckMart.Segments.Spec;
using static DuckMart.Segments.Tests.SpecBuilder;

namespace DuckMart.Segments.Tests.Translation;

public sealed class SegmentQueryTests(SampleData data) : IClassFixture<SampleData>
{
    private static readonly Condition CaliforniaLogin = new AndCondition([
        Attr("location", "eq", "California"),
        new EventCondition("LOGIN", Last("P30D"), Count: Count("gte", 2)),
    ]);

    [Fact]
    public void Explain_shows_parameters_and_no_value_in_the_sql_text()
    {
        using var db = data.Open();
        var (sql, parameters) = SegmentQuery.Create(db, CaliforniaLogin, At(SampleData.AsOf), NoSavedSegments.Instance).Explain();

        sql.Should().NotContain("California").And.NotContain("LOGIN").And.NotContain("2025");
        parameters.Values.Should().Contain("California").And.Contain("LOGIN").And.Contain(2L);
        parameters.Should().HaveCount(5, "location, event name, window start, window end and count");
        sql.Should().Contain("GROUP BY").And.Contain("HAVING");
    }

    [Fact]
    public void Repeated_children_of_and_or_become_one_subquery()
    {
        using var db = data.Open();
        var login = new EventCondition("LOGIN");
        var once = SegmentQuery.Create(db, login, At(SampleData.AsOf), NoSavedSegments.Instance).Explain().Sql;
        Condition[] repeated = [new AndCondition([login, new EventCondition("LOGIN"), login]), new OrCondition([login, login])];

        foreach (var condition in repeated)
        {
            SegmentQuery.Create(db, condition, At(SampleData.AsOf), NoSavedSegments.Instance).Explain().Sql.Should().Be(once);
        }
    }

    [Fact]
    public void Repeated_composite_children_become_one()
    {
        using var db = data.Open();
        var either = new OrCondition([Attr("age", "eq", 30), new EventCondition("LOGIN")]);
        var once = SegmentQuery.Create(db, either, At(SampleData.AsOf), NoSavedSegments.Instance).Explain().Sql;
        var twice = new AndCondition([either, new OrCondition([Attr("age", "eq", 30), new EventCondition("LOGIN")])]);

        SegmentQuery.Create(db, twice, At(SampleData.AsOf), NoSavedSegments.Instance).Explain().Sql.Should().Be(once);
    }

    [Fact]
    public void Children_alike_in_all_but_their_values_are_all_kept()
    {
        using var db = data.Open();
        var time = At(SampleData.AsOf);
        Condition[] differing =
        [
            new OrCondition([Attr("age", "eq", 30), Attr("age", "eq", 40)]),
            new OrCondition([new EventCondition("LOGIN", Last("P30D"), Count: Count("gte", 2)), new EventCondition("LOGIN", Last("P30D"), Count: Count("gte", 3))]),
            new AndCondition([new EventCondition("LOGIN", Last("P7D")), new EventCondition("LOGIN", Last("P30D"))]),
            new OrCondition([new AndCondition([Attr("age", "eq", 30), new EventCondition("LOGIN")]), new AndCondition([Attr("age", "eq", 40), new EventCondition("LOGIN")])]),
        ];

        foreach (var condition in differing)
        {
            var children = ((condition as OrCondition)?.Of ?? ((AndCondition)condition).Of).ToList();
            var both = SegmentQuery.Create(db, condition, time, NoSavedSegments.Instance).Explain().Sql;
            var first = SegmentQuery.Create(db, children[0], time, NoSavedSegments.Instance).Explain().Sql;
            both.Should().NotBe(first, "neither child is a repeat of the other, so the second is not dropped");
        }
    }

    [Fact]
    public void A_sequence_sends_its_values_as_parameters_too()
    {
        using var db = data.Open();
        var spec = new SequenceCondition([Step("VIEW_PRODUCT"), Step("ADDED_TO_CART", "PT1H"), Step("PURCHASE_MADE", "P1D", absent: true)], Last("P30D"));
        var (sql, parameters) = SegmentQuery.Create(db, spec, At(SampleData.AsOf), NoSavedSegments.Instance).Explain();

        sql.Should().Contain("SEMI JOIN").And.Contain("ANTI JOIN").And.NotContain("VIEW_PRODUCT").And.NotContain("3600000000");
        parameters.Values.Should().Contain("VIEW_PRODUCT").And.Contain(3_600_000_000L).And.Contain(86_400_000_000L);
    }

    [Fact]
    public async Task Count_is_the_whole_segment_and_streaming_pages_in_ascending_order()
    {
        using var db = data.Open();
        var query = SegmentQuery.Create(db, new NotCondition(Attr("age", "isNull")), At(SampleData.AsOf), NoSavedSegments.Instance);

        (await query.CountAsync(CancellationToken.None)).Should().Be(5);
        (await Collect(query.StreamUserIdsAsync(null, 2, CancellationToken.None))).Should().Equal(1, 3);
        (await Collect(query.StreamUserIdsAsync(3, 2, CancellationToken.None))).Should().Equal(4, 5);
        (await Collect(query.StreamUserIdsAsync(5, null, CancellationToken.None))).Should().Equal(6);
        query.UserIds.ToList().Should().Equal(1, 3, 4, 5, 6);
    }

    [Fact]
    public async Task A_cancelled_token_stops_the_query()
    {
        using var db = data.Open();
        var query = SegmentQuery.Create(db, CaliforniaLogin, At(SampleData.AsOf), NoSavedSegments.Instance);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var count = () => query.CountAsync(cancelled.Token);
        await count.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public void The_same_shape_with_other_values_reuses_the_sql_text()
    {
        using var db = data.Open();
        var a = SegmentQuery.Create(db, Attr("location", "eq", "California"), At(SampleData.AsOf), NoSavedSegments.Instance).Explain();
        var b = SegmentQuery.Create(db, Attr("location", "eq", "New York"), At(SampleData.AsOf), NoSavedSegments.Instance).Explain();

        b.Sql.Should().Be(a.Sql);
        b.Parameters.Values.Should().Contain("New York");
    }

    private static async Task<List<long>> Collect(IAsyncEnumerable<long> ids)
    {
        var list = new List<long>();
        await foreach (var id in ids)
        {
            list.Add(id);
        }

        return list;
    }
}
