using System.Text.RegularExpressions;
using DuckMart.Segments.Spec;
using DuckMart.Segments.Tests.Translation;
using LinqToDB;
using static DuckMart.Segments.Tests.SpecBuilder;

namespace DuckMart.Segments.Tests.Baselines;

/// <summary>
/// The engine's part of an OData keyset page (<see cref="SegmentQuery.PredicateWithin"/>, used by the API's
/// ContinuationPages): the users <c>after &lt; userId &lt;= through</c>, the segment with every scan of events cut to
/// that range, the page's order and limit. One reviewed file per spec: the range bounds must stay parameters, and
/// every events scan must carry them. Beside it, the answer must be the whole segment's members in the range.
/// </summary>
public sealed class ContinuationPageSqlBaselineTests(SampleData data) : IClassFixture<SampleData>
{
    private static readonly string[] Names = ["brief-age-band", "brief-california-login", "event-count-gte", "cart-not-purchased", "or-attribute-and-event", "not-event", "sequence-funnel", "sequence-absent", "event-distinct-days-utc", "event-first-after", "event-last-before"];

    public static TheoryData<string> Specs => [.. Names];

    [Theory]
    [MemberData(nameof(Specs))]
    public void A_page_over_a_user_range_matches_the_reviewed_baseline(string name)
    {
        using var db = data.Open();
        var query = SegmentQuery.Create(db, SqlBaselineTests.Specs[name], At("2025-12-31T00:00:00Z", "UTC"), NoSavedSegments.Instance);
        var (after, through) = (1000L, 2001L);
        var sql = db.Users.Where(u => u.UserId > after && u.UserId <= through).Where(query.PredicateWithin(after, through))
            .OrderBy(u => u.UserId).Select(u => u.UserId).Take(1001).ToSqlQuery();
        var parameters = sql.Parameters.Select((p, i) => (Name: p.Name ?? $"p{i + 1}", p.Value))
            .ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);

        sql.Sql.Should().NotContain("1000").And.NotContain("2001", "the range bounds are parameters");
        var scans = Regex.Count(sql.Sql, @"FROM\s+(""events""|events\b)");
        var cut = Regex.Count(sql.Sql, @"user_id > (\$After_\d+|CAST\(\$range_after AS BIGINT\)) AND\s+(\w+\.)?user_id <= (\$Through_\d+|CAST\(\$range_through AS BIGINT\))");
        cut.Should().Be(scans, "every scan of events (linq2db's and the sequence's own SQL) is cut to the page's users");
        SqlBaselines.Verify("continuation-" + name, SqlBaselines.Render(sql.Sql, parameters));
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void A_range_of_the_segment_is_the_segments_members_in_that_range(string name)
    {
        using var db = data.Open();
        var query = SegmentQuery.Create(db, SqlBaselineTests.Specs[name], At(SampleData.AsOf, "UTC"), NoSavedSegments.Instance);
        var whole = query.UserIds.ToList();
        var maxId = db.Users.Max(u => u.UserId);
        for (var after = -1L; after <= maxId; after++)
        {
            foreach (var width in new[] { 1L, 2L, maxId + 1 })
            {
                var (from, through) = (after, after + width);
                var page = db.Users.Where(u => u.UserId > from && u.UserId <= through).Where(query.PredicateWithin(from, through))
                    .Select(u => u.UserId).OrderBy(id => id).ToList();
                page.Should().Equal(whole.Where(id => id > from && id <= through), "{0} over ({1}, {2}]", name, from, through);
            }
        }
    }
}
