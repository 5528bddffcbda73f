using System.Text.Json;

namespace DuckMart.Api.Tests.OData;

/// <summary>
/// <c>$apply</c> groupby with count/sum/min/max on /odata/Users and /odata/Events (issue 13), as BI clients ask first,
/// over the sample data (docs/odata.md "$apply"), run in DuckDB as one GROUP BY; and a 400 for each part left out.
/// </summary>
public class ODataApplyTests(ODataServer server) : IClassFixture<ODataServer>
{
    [Fact]
    public async Task Events_grouped_by_name_with_their_count()
    {
        server.Commands.Clear();
        var rows = await Rows("/odata/Events?$apply=groupby((eventName),aggregate($count as n))");

        rows.Select(r => (r.GetProperty("eventName").GetString(), r.GetProperty("n").GetInt64()))
            .Should().BeEquivalentTo(new[] { ("ADDED_TO_CART", 2L), ("LOGIN", 9L), ("PURCHASE_MADE", 3L), ("VIEW_PRODUCT", 2L) });
        server.Commands.Should().Contain(c => c.Sql.Contains("GROUP BY", StringComparison.Ordinal), "the grouping runs in DuckDB");
    }

    [Fact]
    public async Task Users_grouped_by_location_with_sum_min_and_max_of_age()
    {
        var rows = await Rows("/odata/Users?$apply=groupby((location),aggregate(age with sum as total,age with min as youngest,age with max as oldest))");

        var california = rows.Single(r => r.GetProperty("location").GetString() == "California");
        (california.GetProperty("total").GetInt64(), california.GetProperty("youngest").GetInt32(), california.GetProperty("oldest").GetInt32())
            .Should().Be((94L, 28, 35), "Ann 28, Bob 35 and Finn 31 live in California");
        rows.Should().Contain(r => r.GetProperty("location").ValueKind == JsonValueKind.Null, "users with no location are a group of their own");
    }

    [Fact]
    public async Task A_filter_before_the_grouping_runs_on_the_segment_engine()
    {
        using var response = await server.Client.GetAsync("/odata/Users?$apply=" + Uri.EscapeDataString("filter(events/any(e: e/eventName eq 'LOGIN'))/groupby((deviceType),aggregate($count as n))"));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        response.Headers.GetValues("DuckMart-Engine").Should().Equal("segment");
        body.GetProperty("value").EnumerateArray().Sum(r => r.GetProperty("n").GetInt64())
            .Should().Be((await server.GetUserIdsAsync("events/any(e: e/eventName eq 'LOGIN')")).Count);
    }

    [Fact]
    public async Task Counting_every_user_is_one_row()
    {
        var rows = await Rows("/odata/Users?$apply=aggregate($count as n)");

        rows.Should().ContainSingle().Which.GetProperty("n").GetInt64().Should().Be(8);
    }

    [Theory]
    [InlineData("/odata/Events?$apply=groupby((eventName),aggregate(timestamp with max as latest))", "max")]
    [InlineData("/odata/Events?$apply=groupby((userId),aggregate(timestamp with min as first))", "min")]
    [InlineData("/odata/Users?$apply=compute(age add 1 as next)", "compute")]
    public async Task A_part_left_out_is_a_400_that_says_so(string url, string cause)
    {
        using var response = await server.Client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();

        ((int)response.StatusCode).Should().Be(400, text);
        JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString().Should().ContainEquivalentOf(cause);
    }

    private async Task<List<JsonElement>> Rows(string url)
    {
        var (status, body) = await server.GetJsonAsync(url);
        status.Should().Be(200, "{0} answered {1}", url, body);
        return body.GetProperty("value").EnumerateArray().ToList();
    }
}
