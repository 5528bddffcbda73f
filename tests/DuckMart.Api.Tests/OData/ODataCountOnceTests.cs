namespace DuckMart.Api.Tests.OData;

/// <summary>
/// <c>$count=true</c> is counted once, on the first page, and carried through the next links (issue 13): each later page
/// runs only its page query, and still answers the whole count. Checked by the SQL statements DuckDB receives.
/// </summary>
public class ODataCountOnceTests(ODataServer server) : IClassFixture<ODataServer>
{
    private const string Filter = "age ne null";

    [Fact]
    public async Task Later_pages_answer_the_first_pages_count_without_counting_again()
    {
        var counts = new List<long>();
        var statements = new List<(int All, int Counts)>();
        var ids = new List<long>();
        string? url = "/odata/Users?$select=userId&$count=true&$filter=" + Uri.EscapeDataString(Filter);
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

        ids.Should().HaveCount(7, "seven sample users have an age");
        counts.Should().AllBeEquivalentTo(7L);
        statements.Should().HaveCount(3);
        statements[0].Counts.Should().Be(1, "the first page counts the match");
        // The first continuation also reads the filter's IDs once (ContinuationPages); later pages run only their page.
        statements[1].Should().Be((2, 0), "the first continuation reads the segment's IDs, then its page, and no count");
        statements[2].Should().Be((1, 0), "a later page runs its page query and no count");
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
