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
        Expect(await Collect(query, null, 2), new long[] { 1, 3 }, 5);
        Expect(await Collect(query, 3, 2), new long[] { 4, 5 }, 5);
        Expect(await Collect(query, 5, null), new long[] { 6 }, 5);
        Expect(await Collect(query, null, null), new long[] { 1, 3, 4, 5, 6 }, 5);
        query.UserIds.ToList().Should().Equal(1, 3, 4, 5, 6);
    }

    [Fact]
    public async Task A_page_past_the_last_id_is_empty_and_still_counts_the_whole_segment()
    {
        using var db = data.Open();
        var query = SegmentQuery.Create(db, new NotCondition(Attr("age", "isNull")), At(SampleData.AsOf), NoSavedSegments.Instance);

        Expect(await Collect(query, 6, 10), Array.Empty<long>(), 5);
        Expect(await Collect(query, 1000, null), Array.Empty<long>(), 5);
    }

    [Fact]
    public async Task An_empty_segment_counts_zero_paged_or_not()
    {
        using var db = data.Open();
        var query = SegmentQuery.Create(db, Attr("age", "gt", 1000), At(SampleData.AsOf), NoSavedSegments.Instance);

        Expect(await Collect(query, null, 10), Array.Empty<long>(), 0);
        Expect(await Collect(query, null, null), Array.Empty<long>(), 0);
    }

    [Fact]
    public async Task Batches_smaller_than_the_segment_return_every_id_once_in_order()
    {
        using var db = data.Open();
        var query = SegmentQuery.Create(db, new NotCondition(Attr("age", "isNull")), At(SampleData.AsOf), NoSavedSegments.Instance);

        foreach (var (after, limit) in new (long?, int?)[] { (null, null), (null, 4), (1, null) })
        {
            await using var reader = await query.ReadUserIdsAsync(after, limit, CancellationToken.None);
            var ids = new List<long>();
            var buffer = new long[2];
            int n;
            while ((n = reader.ReadBatch(buffer, CancellationToken.None)) > 0)
            {
                n.Should().BeLessThanOrEqualTo(2);
                ids.AddRange(buffer.AsSpan(0, n));
            }

            ids.Should().Equal(new long[] { 1, 3, 4, 5, 6 }.Where(i => after is null || i > after).Take(limit ?? int.MaxValue));
            reader.Count.Should().Be(5);
            reader.IdsRead.Should().Be(ids.Count);
        }
    }

    [Fact]
    public async Task The_page_sql_keeps_values_as_parameters()
    {
        using var db = data.Open();
        var query = SegmentQuery.Create(db, Attr("location", "eq", "Nowhere-'x'"), At(SampleData.AsOf), NoSavedSegments.Instance);

        // A value that would break the SQL text if it were inlined: it must go through as a parameter.
        Expect(await Collect(query, 0, 3), Array.Empty<long>(), 0);
    }

    [Fact]
    public async Task A_cancelled_token_stops_reading_ids()
    {
        using var db = data.Open();
        var query = SegmentQuery.Create(db, CaliforniaLogin, At(SampleData.AsOf), NoSavedSegments.Instance);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var open = () => query.ReadUserIdsAsync(null, null, cancelled.Token);
        await open.Should().ThrowAsync<OperationCanceledException>();

        await using var reader = await query.ReadUserIdsAsync(null, null, CancellationToken.None);
        var read = () => reader.ReadBatch(new long[16], cancelled.Token);
        read.Should().Throw<OperationCanceledException>();
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

    private static void Expect((long[] Ids, long? Count) actual, long[] ids, long count)
    {
        actual.Ids.Should().Equal(ids);
        actual.Count.Should().Be(count);
    }

    private static async Task<(long[] Ids, long? Count)> Collect(SegmentQuery query, long? after, int? limit)
    {
        await using var reader = await query.ReadUserIdsAsync(after, limit, CancellationToken.None);
        var ids = new List<long>();
        var buffer = new long[1024];
        int n;
        while ((n = reader.ReadBatch(buffer, CancellationToken.None)) > 0)
        {
            ids.AddRange(buffer.AsSpan(0, n));
        }

        return ([.. ids], reader.Count);
    }
}
