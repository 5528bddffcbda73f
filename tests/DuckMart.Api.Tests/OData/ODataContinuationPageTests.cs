using System.Text.Json;
using System.Text.RegularExpressions;
using DuckMart.Api.OData;

namespace DuckMart.Api.Tests.OData;

/// <summary>
/// Pages over a filter the engine reads whole are keyset pages of the engine's SQL (<see cref="ContinuationPages"/>):
/// the same users in the same order as one unpaged answer, the whole filter evaluated once (the segment's IDs, read
/// on the first page), and each page's query reading only the events of its own range of users, with the bounds as
/// parameters, so that every continuation page is the same SQL text.
/// </summary>
public class ODataContinuationPageTests(ODataServer server) : IClassFixture<ODataServer>
{
    private const int PageSize = 2;

    [Theory]
    [InlineData("events/any()")]
    [InlineData("not events/any(e: e/eventName eq 'PURCHASE_MADE')")]
    [InlineData("events/any(e: e/eventName eq 'LOGIN') or age ge 30")]
    [InlineData("userId ge 2")]
    public async Task Each_page_reads_only_its_own_range_of_users_and_the_filter_is_read_whole_once(string filter)
    {
        var url = "/odata/Users?$select=userId,name&$count=true&$filter=" + Uri.EscapeDataString(filter);
        server.Commands.Clear();
        var (status, whole) = await server.GetJsonAsync(url);
        status.Should().Be(200, "{0}", whole);
        var expected = Ids(whole);
        // The unpaged answer is one page too: it reads the filter's IDs, which every page below then finds held.
        var wholeReads = server.Commands.Count(c => !c.Sql.Contains("LIMIT", StringComparison.Ordinal));
        expected.Count.Should().BeGreaterThan(2 * PageSize, "the filter must need at least three pages to prove anything");

        var ids = new List<long>();
        var pageSql = new List<string>();
        string? next = url;
        while (next is not null)
        {
            server.Commands.Clear();
            var (pageStatus, page) = await server.GetJsonAsync(next, maxPageSize: PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
            pageStatus.Should().Be(200, "GET {0} answered {1}", next, page);
            page.GetProperty("@odata.count").GetInt64().Should().Be(expected.Count);
            page.GetProperty("value").EnumerateArray().Select(u => u.TryGetProperty("name", out var name)).Should().OnlyContain(has => has, "$select still applies");

            var commands = server.Commands.ToList();
            wholeReads += commands.Count(c => !c.Sql.Contains("LIMIT", StringComparison.Ordinal));
            var query = commands.Should().ContainSingle(c => c.Sql.Contains("LIMIT", StringComparison.Ordinal), "one query answers the page").Subject;

            // The range: after the last ID already read, through the first ID of the next page (OData reads one more).
            var after = ids.Count == 0 ? long.MinValue : ids[^1];
            var start = ids.Count;
            var through = expected.Count > start ? expected[Math.Min(expected.Count, start + PageSize + 1) - 1] : after;
            query.ParameterValues.Take(2).Should().Equal([Text(after), Text(through)], "the page's bounds are the first parameters");
            query.Sql.Should().NotMatchRegex(@"IN \(\s*\d", "no list of IDs reaches the SQL");
            var eventScans = Regex.Count(query.Sql, "\"events\" \\w+");
            var rangeTests = Regex.Count(query.Sql, @"\w+\.user_id > \$After(_\d+)?\s+AND\s+\w+\.user_id <= \$Through(_\d+)?");
            rangeTests.Should().Be(eventScans + 1, "the users and every scan of events are cut to the page's range: {0}", query.Sql);

            ids.AddRange(Ids(page));
            pageSql.Add(query.Sql);
            next = page.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
        }

        ids.Should().Equal(expected);
        wholeReads.Should().Be(1, "the filter's IDs are read once (this class is the only reader of its filters) and answer every later page's range and the count");
        pageSql.Should().HaveCountGreaterThan(2);
        pageSql.Skip(1).Distinct().Should().ContainSingle("every continuation page is the same SQL, only its parameters differ");
    }

    [Fact]
    public async Task An_order_other_than_the_key_still_pages_by_the_library()
    {
        var ids = new List<long>();
        string? url = "/odata/Users?$select=userId&$filter=" + Uri.EscapeDataString("events/any()") + "&$orderby=age desc";
        while (url is not null)
        {
            var (_, body) = await server.GetJsonAsync(url, maxPageSize: "2");
            ids.AddRange(Ids(body));
            url = body.TryGetProperty("@odata.nextLink", out var next) ? next.GetString() : null;
        }

        var (_, whole) = await server.GetJsonAsync("/odata/Users?$select=userId&$filter=" + Uri.EscapeDataString("events/any()") + "&$orderby=age desc");
        ids.Should().Equal(Ids(whole));
    }

    [Theory]
    [InlineData(new long[] { 2, 4, 6, 8 }, 0L, 2, new long[] { 2, 4 })]
    [InlineData(new long[] { 2, 4, 6, 8 }, 4L, 3, new long[] { 6, 8 })]
    [InlineData(new long[] { 2, 4, 6, 8 }, 5L, 1, new long[] { 6 })]
    [InlineData(new long[] { 2, 4, 6, 8 }, 8L, 5, new long[0])]
    [InlineData(new long[0], 1L, 5, new long[0])]
    public void A_page_is_the_ids_after_the_last_one(long[] ids, long after, int take, long[] expected) =>
        ContinuationPages.Page(ids, after, take).Should().Equal(expected);

    [Theory]
    [InlineData(new long[] { 2, 4, 6, 8 }, null, 3, 6L)]
    [InlineData(new long[] { 2, 4, 6, 8 }, null, 9, 8L)]
    [InlineData(new long[] { 2, 4, 6, 8 }, 4L, 3, 8L)]
    [InlineData(new long[] { 2, 4, 6, 8 }, 5L, 1, 6L)]
    [InlineData(new long[] { 2, 4, 6, 8 }, 8L, 3, 8L)]
    [InlineData(new long[] { 2, 4, 6, 8 }, 100L, 3, 100L)]
    [InlineData(new long[0], null, 3, long.MinValue)]
    public void A_page_range_ends_at_the_last_id_it_may_hold_or_at_its_start_when_none_is_left(long[] ids, long? after, int take, long end) =>
        ContinuationPages.End(ids, after, take).Should().Be(end);

    private static string Text(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static List<long> Ids(JsonElement body) =>
        [.. body.GetProperty("value").EnumerateArray().Select(u => u.GetProperty("userId").GetInt64())];
}
