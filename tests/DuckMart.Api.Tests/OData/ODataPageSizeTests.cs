using DuckMart.Api.OData;

namespace DuckMart.Api.Tests.OData;

/// <summary>The server's own page sizes (ODataLimits), over more users and events than one page holds.</summary>
public class ODataPageSizeTests(LargeODataServer server) : IClassFixture<LargeODataServer>
{
    [Fact]
    public async Task Users_come_in_pages_of_the_documented_size_until_all_are_read()
    {
        var pageLengths = new List<int>();
        var ids = new List<long>();
        string? url = "/odata/Users?$select=userId&$count=true";
        while (url is not null)
        {
            var (status, body) = await server.GetJsonAsync(url);
            status.Should().Be(200);
            body.GetProperty("@odata.count").GetInt64().Should().Be(LargeODataServer.Users);
            var page = body.GetProperty("value").EnumerateArray().Select(u => u.GetProperty("userId").GetInt64()).ToList();
            pageLengths.Add(page.Count);
            ids.AddRange(page);
            url = body.TryGetProperty("@odata.nextLink", out var next) ? next.GetString() : null;
        }

        pageLengths.Should().Equal(ODataLimits.PageSize, ODataLimits.PageSize, LargeODataServer.Users - (2 * ODataLimits.PageSize));
        ids.Should().Equal(Enumerable.Range(1, LargeODataServer.Users).Select(i => (long)i));
    }

    [Fact]
    public async Task Expanded_events_are_capped_per_user_with_their_own_next_link()
    {
        var (status, body) = await server.GetJsonAsync("/odata/Users?$filter=userId le 2&$expand=events");

        status.Should().Be(200);
        var first = body.GetProperty("value")[0];
        first.GetProperty("events").GetArrayLength().Should().Be(ODataLimits.ExpandedEventsPageSize);
        first.GetProperty("events@odata.nextLink").GetString().Should().Contain("events");
        body.GetProperty("value")[1].GetProperty("events").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Events_set_pages_too()
    {
        var (_, body) = await server.GetJsonAsync("/odata/Events?$count=true&$top=120", maxPageSize: "100");

        body.GetProperty("@odata.count").GetInt64().Should().Be(LargeODataServer.EventsOfUser1);
        body.GetProperty("value").GetArrayLength().Should().Be(100);
        body.GetProperty("@odata.nextLink").GetString().Should().Contain("$skiptoken=");
    }
}
