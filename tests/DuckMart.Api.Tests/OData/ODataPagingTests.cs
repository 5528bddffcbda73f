using System.Text.Json;

namespace DuckMart.Api.Tests.OData;

/// <summary>$top, $skip, $count, $select, $orderby and server-driven paging over the sample users.</summary>
public class ODataPagingTests(ODataServer server) : IClassFixture<ODataServer>
{
    [Fact]
    public async Task Next_links_walk_every_user_once_in_key_order()
    {
        var pages = new List<long[]>();
        string? url = "/odata/Users?$select=userId";
        while (url is not null)
        {
            // The client may ask for smaller pages (RFC 7240 Prefer); 8 users then need three.
            var (status, body) = await server.GetJsonAsync(url, maxPageSize: "3");
            status.Should().Be(200);
            pages.Add(Ids(body));
            url = body.TryGetProperty("@odata.nextLink", out var next) ? next.GetString() : null;
            url?.Should().Contain("$skiptoken=");
        }

        pages.Should().BeEquivalentTo(new[] { new long[] { 1, 2, 3 }, [4, 5, 6], [7, 8] }, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task Next_links_keep_the_filter_and_the_order()
    {
        var ids = new List<long>();
        string? url = "/odata/Users?$select=userId&$filter=age ne null&$orderby=age desc";
        while (url is not null)
        {
            var (_, body) = await server.GetJsonAsync(url, maxPageSize: "3");
            ids.AddRange(Ids(body));
            url = body.TryGetProperty("@odata.nextLink", out var next) ? next.GetString() : null;
        }

        ids.Should().Equal(7, 3, 2, 8, 6, 1, 5);
    }

    [Theory]
    // OData sorts NULL (user 4's age) first ascending and last descending; $skiptoken relies on it.
    [InlineData("age", new long[] { 4, 5, 1, 6, 8, 2, 3, 7 })]
    [InlineData("age desc", new long[] { 7, 3, 2, 8, 6, 1, 5, 4 })]
    // signupDate (user 5 NULL): its $skiptoken comparisons go through the date NULL test of DuckMartFilterBinder.
    [InlineData("signupDate", new long[] { 5, 4, 2, 8, 7, 1, 3, 6 })]
    [InlineData("signupDate desc", new long[] { 6, 3, 1, 7, 8, 2, 4, 5 })]
    public async Task Paging_by_a_column_with_nulls_returns_every_user_once_in_odata_order(string orderBy, long[] expected)
    {
        var ids = new List<long>();
        string? url = "/odata/Users?$select=userId&$orderby=" + orderBy;
        while (url is not null)
        {
            var (status, body) = await server.GetJsonAsync(url, maxPageSize: "3");
            status.Should().Be(200, "GET {0} answered {1}", url, body);
            ids.AddRange(Ids(body));
            url = body.TryGetProperty("@odata.nextLink", out var next) ? next.GetString() : null;
        }

        ids.Should().Equal(expected);
    }

    [Fact]
    public async Task Top_is_honoured_across_pages()
    {
        var (_, first) = await server.GetJsonAsync("/odata/Users?$select=userId&$top=5", maxPageSize: "3");
        var nextLink = first.GetProperty("@odata.nextLink").GetString()!;
        var (_, second) = await server.GetJsonAsync(nextLink, maxPageSize: "3");

        Ids(first).Should().Equal(1, 2, 3);
        Ids(second).Should().Equal(4, 5);
        second.TryGetProperty("@odata.nextLink", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Top_and_skip_take_a_slice()
    {
        var (_, body) = await server.GetJsonAsync("/odata/Users?$select=userId&$orderby=userId&$skip=3&$top=2");

        Ids(body).Should().Equal(4, 5);
    }

    [Fact]
    public async Task Count_is_the_whole_match_whatever_the_page()
    {
        var (_, body) = await server.GetJsonAsync("/odata/Users?$filter=location ne 'California'&$count=true&$top=1");

        body.GetProperty("@odata.count").GetInt64().Should().Be(5);
        body.GetProperty("value").GetArrayLength().Should().Be(1);
    }

    [Fact]
    public async Task Count_segment_answers_a_plain_number()
    {
        var response = await server.Client.GetStringAsync("/odata/Users/$count?$filter=" + Uri.EscapeDataString("events/any(e: e/eventName eq 'LOGIN')"));

        response.Should().Be("4");
    }

    [Fact]
    public async Task Select_returns_only_the_chosen_properties()
    {
        var (_, body) = await server.GetJsonAsync("/odata/Users?$select=userId,signupDate&$filter=userId eq 3");

        var user = body.GetProperty("value")[0];
        user.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("userId", "signupDate");
        user.GetProperty("signupDate").GetString().Should().Be("2024-07-01");
    }

    [Fact]
    public async Task Orderby_sorts_by_several_keys()
    {
        var (_, body) = await server.GetJsonAsync("/odata/Users?$select=userId&$orderby=location desc,name&$filter=location ne null");

        Ids(body).Should().Equal(4, 7, 3, 8, 1, 2, 6);
    }

    [Fact]
    public async Task Expand_inlines_each_users_events_with_nested_options()
    {
        var (status, body) = await server.GetJsonAsync(
            "/odata/Users?$select=userId&$filter=userId eq 1 or userId eq 8&$expand=events($filter=eventName eq 'LOGIN';$orderby=timestamp desc;$top=2)");

        status.Should().Be(200);
        var users = body.GetProperty("value");
        users[0].GetProperty("events").EnumerateArray().Select(e => e.GetProperty("timestamp").GetString())
            .Should().Equal("2025-02-01T10:00:00Z", "2025-01-05T09:00:00Z");
        users[1].GetProperty("events").GetArrayLength().Should().Be(0);
    }

    private static long[] Ids(JsonElement body) =>
        body.GetProperty("value").EnumerateArray().Select(u => u.GetProperty("userId").GetInt64()).ToArray();
}
