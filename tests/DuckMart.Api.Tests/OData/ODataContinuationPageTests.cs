using System.Text.Json;
using DuckMart.Api.OData;

namespace DuckMart.Api.Tests.OData;

/// <summary>
/// Next links over a filter the engine reads whole are answered from the segment's IDs, read once
/// (<see cref="ContinuationPages"/>): the same users in the same order as one unpaged answer, and pages after the first
/// continuation do not read the events again.
/// </summary>
public class ODataContinuationPageTests(ODataServer server) : IClassFixture<ODataServer>
{
    [Theory]
    [InlineData("events/any()")]
    [InlineData("not events/any(e: e/eventName eq 'PURCHASE_MADE')")]
    [InlineData("events/any(e: e/eventName eq 'LOGIN') or age ge 30")]
    [InlineData("userId ge 2")]
    public async Task Paged_ids_equal_the_unpaged_answer_and_later_pages_read_no_events(string filter)
    {
        var url = "/odata/Users?$select=userId,name&$count=true&$filter=" + Uri.EscapeDataString(filter);
        var (status, whole) = await server.GetJsonAsync(url);
        status.Should().Be(200, "{0}", whole);
        var expected = Ids(whole);
        expected.Count.Should().BeGreaterThan(4, "the filter must need at least three pages of two to prove anything");

        var ids = new List<long>();
        var eventReads = new List<int>();
        string? next = url;
        while (next is not null)
        {
            var before = server.Commands.Count;
            var (pageStatus, page) = await server.GetJsonAsync(next, maxPageSize: "2");
            pageStatus.Should().Be(200, "GET {0} answered {1}", next, page);
            page.GetProperty("@odata.count").GetInt64().Should().Be(expected.Count);
            page.GetProperty("value").EnumerateArray().Select(u => u.TryGetProperty("name", out var name)).Should().OnlyContain(has => has, "$select still applies");
            ids.AddRange(Ids(page));
            eventReads.Add(server.Commands.Skip(before).Count(c => c.Sql.Contains("\"events\"", StringComparison.Ordinal) || c.Sql.Contains(" events ", StringComparison.Ordinal)));
            next = page.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
        }

        ids.Should().Equal(expected);
        eventReads.Should().HaveCountGreaterThan(2);
        eventReads.Skip(2).Should().OnlyContain(n => n == 0, "only the first page and the first continuation evaluate the filter");
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

    private static List<long> Ids(JsonElement body) =>
        [.. body.GetProperty("value").EnumerateArray().Select(u => u.GetProperty("userId").GetInt64())];
}
