namespace DuckMart.Api.Tests.OData;

/// <summary>
/// <c>$count=true</c> is counted once, on the first page, and carried through the next links (issue 13): each later page
/// runs only its page query, and still answers the whole count. Checked by the SQL statements DuckDB receives.
/// </summary>
public class ODataCountOnceTests(ODataServer server) : IClassFixture<ODataServer>
{
    private const string Filter = "age ne null";

    [Fact]
    public async Task A_filter_on_the_engine_is_counted_by_its_ids_read_once_and_no_page_counts_again()
    {
        var (counts, statements, ids) = await WalkAsync(Filter);

        ids.Should().HaveCount(7, "seven sample users have an age");
        counts.Should().AllBeEquivalentTo(7L);
        statements.Should().HaveCount(3);
        // ContinuationPages reads the filter's sorted IDs on the first page; their number is the count.
        statements[0].Should().Be((2, 0), "the first page reads the segment's IDs, then its page, and runs no count");
        statements.Skip(1).Should().AllBeEquivalentTo((1, 0), "a later page runs its page query and no count");
    }

    [Fact]
    public async Task A_filter_off_the_engine_is_counted_on_the_first_page_and_carried()
    {
        // length() is not the engine's: every page runs through linq2db, and the count is carried in the next link.
        var (counts, statements, ids) = await WalkAsync("length(name) ge 3");

        ids.Should().HaveCount(8);
        counts.Should().AllBeEquivalentTo(8L);
        statements.Should().HaveCount(3);
        statements[0].Should().Be((2, 1), "the first page runs its page query and counts the match");
        statements.Skip(1).Should().AllBeEquivalentTo((1, 0), "a later page answers the carried count without counting");
    }

    private async Task<(List<long> Counts, List<(int All, int Counts)> Statements, List<long> Ids)> WalkAsync(string filter)
    {
        var counts = new List<long>();
        var statements = new List<(int All, int Counts)>();
        var ids = new List<long>();
        string? url = "/odata/Users?$select=userId&$count=true&$filter=" + Uri.EscapeDataString(filter);
        while (url is not null)
        {
            server.Commands.Clear();
            var (status, body) = await server.GetJsonAsync(url, maxPageSize: "3");
            status.Should().Be(200, "{0} answered {1}", url, body);
            counts.Add(body.GetProperty("@odata.count").GetInt64());
            ids.AddRange(body.GetProperty("value").EnumerateArray().Select(u => u.GetProperty("userId").GetInt64()));
            var sql = server.Commands.Select(c => c.Sql).ToList();
            statements.Add((sql.Count, sql.Count(s => s.Contains("COUNT(", StringComparison.OrdinalIgnoreCase))));
            url = body.TryGetProperty("@odata.nextLink", out var next) ? next.GetString() : null;
        }

        return (counts, statements, ids);
    }

    [Fact]
    public async Task A_carried_count_without_a_skiptoken_is_ignored_and_counted()
    {
        var (status, body) = await server.GetJsonAsync("/odata/Users?$select=userId&$count=true&duckmart-count=99&$filter=" + Uri.EscapeDataString(Filter));

        status.Should().Be(200);
        body.GetProperty("@odata.count").GetInt64().Should().Be(7);
    }

    [Fact]
    public async Task Next_links_without_count_carry_nothing()
    {
        var (_, body) = await server.GetJsonAsync("/odata/Users?$select=userId", maxPageSize: "3");

        body.GetProperty("@odata.nextLink").GetString().Should().NotContain("duckmart-count");
    }
}
