namespace DuckMart.Api.Tests.OData;

/// <summary>
/// A next link a client altered, or wrote itself, is a request like any other: a token that does not parse is a 400
/// problem, never a 500, and a well-formed key outside the data is an empty or short page, not an error.
/// </summary>
public class ODataBadContinuationTests(ODataServer server) : IClassFixture<ODataServer>
{
    private const string Page = "/odata/Users?$select=userId&$count=true&$filter=events%2Fany%28%29";

    [Theory]
    [InlineData("$skiptoken=garbage")]
    [InlineData("$skiptoken=userId-abc")]
    [InlineData("$skiptoken=userId-99999999999999999999")]
    [InlineData("$skiptoken=userId-1.5")]
    [InlineData("$skiptoken=userId-")]
    [InlineData("$skiptoken=userId-2,name-'x'")]
    [InlineData("$skiptoken=userId-2&$skiptoken=userId-3")]
    public async Task A_token_that_does_not_parse_is_a_400_problem(string continuation)
    {
        var (status, body) = await server.GetJsonAsync(Page + "&" + continuation, maxPageSize: "2");

        status.Should().Be(400, "{0} answered {1}", continuation, body);
        body.GetProperty("status").GetInt32().Should().Be(400);
        body.ToString().Should().NotContain("   at ", "no stack trace reaches the client");
    }

    [Theory]
    [InlineData("$skiptoken=userId-9223372036854775807", new long[0])]
    [InlineData("$skiptoken=userId--9223372036854775808", new long[] { 1, 2 })]
    [InlineData("$skiptoken=userId-5", new long[] { 6, 7 })]
    [InlineData("$skiptoken=userId-2&duckmart-count=abc", new long[] { 3, 4 })]
    [InlineData("$skiptoken=userId-2&duckmart-count=-1", new long[] { 3, 4 })]
    [InlineData("$skiptoken=userId-2&duckmart-count=99999999999999999999999", new long[] { 3, 4 })]
    public async Task A_key_outside_the_data_or_a_bad_carried_count_still_answers_the_right_page(string continuation, long[] expected)
    {
        var (status, body) = await server.GetJsonAsync(Page + "&" + continuation, maxPageSize: "2");

        status.Should().Be(200, "{0} answered {1}", continuation, body);
        body.GetProperty("value").EnumerateArray().Select(u => u.GetProperty("userId").GetInt64()).Should().Equal(expected);
        body.GetProperty("@odata.count").GetInt64().Should().Be(7, "a carried count that does not parse is ignored, and the count computed");
    }

    [Fact]
    public async Task A_refused_filter_on_a_continuation_page_is_a_400_problem()
    {
        var (status, body) = await server.GetJsonAsync("/odata/Users?$select=userId&$filter=" + Uri.EscapeDataString("age div 0 gt 1 and events/any()") + "&$skiptoken=userId-2", maxPageSize: "2");

        status.Should().Be(400, "{0}", body);
    }
}
