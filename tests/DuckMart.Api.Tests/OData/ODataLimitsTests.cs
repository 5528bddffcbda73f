using System.Text.Json;
using DuckMart.Api.OData;

namespace DuckMart.Api.Tests.OData;

/// <summary>Every query past a documented limit, or malformed, is a problem+json 400 that says why, never a 500.</summary>
public class ODataLimitsTests(ODataServer server) : IClassFixture<ODataServer>
{
    [Theory]
    [InlineData("$top=100001", "Top")]
    [InlineData("$skip=100001", "Skip")]
    // $apply is on since issue 13 (ODataApplyTests); what it leaves out is a 400 like any other refusal.
    [InlineData("$apply=aggregate(signupDate with sum as total)", "")]
    [InlineData("$apply=compute(age add 1 as next)", "compute")]
    [InlineData("$apply=groupby((location),aggregate(events/$count as n))", "")]
    [InlineData("$compute=age add 1 as next", "Compute")]
    [InlineData("$search=Ann", "Search")]
    [InlineData("$filter=matchesPattern(name,'^A')", "MatchesPattern")]
    [InlineData("$filter=round(age) eq 28", "Round")]
    [InlineData("$filter=cast(age,Edm.String) eq '28'", "Cast")]
    [InlineData("$filter=events/any(e: events/any(f: f/eventName eq 'LOGIN'))", "nesting limit")]
    [InlineData("$orderby=name,age,gender,location,deviceType,userId", "OrderBy")]
    [InlineData("$expand=events($top=500)", "500")]
    [InlineData("$filter=age gt", "")]
    [InlineData("$filter=nosuch eq 1", "nosuch")]
    [InlineData("$filter=name eq 1", "")]
    [InlineData("$select=nosuch", "nosuch")]
    [InlineData("$orderby=events", "")]
    [InlineData("$top=-1", "")]
    public async Task Refused_query_is_a_problem_400_naming_the_cause(string query, string cause)
    {
        using var response = await server.Client.GetAsync("/odata/Users?" + query);
        var text = await response.Content.ReadAsStringAsync();

        ((int)response.StatusCode).Should().Be(400, text);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var body = JsonDocument.Parse(text).RootElement;
        body.GetProperty("status").GetInt32().Should().Be(400);
        body.GetProperty("title").GetString().Should().Be("Invalid OData query");
        body.GetProperty("detail").GetString().Should().NotBeNullOrWhiteSpace();
        if (cause.Length > 0)
        {
            body.GetProperty("detail").GetString().Should().ContainEquivalentOf(cause);
        }

        body.GetProperty("error").GetProperty("code").GetString().Should().Be(ODataProblem.Code);
        body.GetProperty("error").GetProperty("message").GetString().Should().Be(body.GetProperty("detail").GetString());
        text.Should().NotContain("StackTrace").And.NotContain(" at Microsoft.").And.NotContain("EnableQueryAttribute");
    }

    [Fact]
    public async Task Filter_over_the_node_count_is_refused()
    {
        var filter = string.Join(" or ", Enumerable.Range(1, ODataLimits.MaxNodeCount).Select(i => $"age eq {i}"));

        using var response = await server.Client.GetAsync("/odata/Users?$filter=" + Uri.EscapeDataString(filter));
        var text = await response.Content.ReadAsStringAsync();

        ((int)response.StatusCode).Should().Be(400, text);
        text.Should().ContainEquivalentOf("node count");
    }

    [Fact]
    public async Task Filter_just_under_the_limits_is_answered()
    {
        var filter = string.Join(" or ", Enumerable.Range(1, 40).Select(i => $"age eq {i}"));

        var (status, body) = await server.GetJsonAsync($"/odata/Users?$top={ODataLimits.MaxTop}&$skip={ODataLimits.MaxSkip}&$filter={Uri.EscapeDataString(filter)}");

        status.Should().Be(200, body.ToString());
        body.GetProperty("value").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Writes_are_not_offered()
    {
        using var content = new StringContent("""{"userId":99}""", System.Text.Encoding.UTF8, "application/json");
        using var response = await server.Client.PostAsync("/odata/Users", content);

        ((int)response.StatusCode).Should().BeOneOf(404, 405);
    }
}
