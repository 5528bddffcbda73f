namespace DuckMart.Api.Tests.OData;

/// <summary>The curl examples of docs/odata.md, as the server receives them, are answered (not refused).</summary>
public class ODataDocExamplesTests(ODataServer server) : IClassFixture<ODataServer>
{
    [Theory]
    [InlineData("/odata/Users?$filter=location eq 'California' and events/any(e: e/eventName eq 'LOGIN')&$count=true&$select=userId,name")]
    [InlineData("/odata/Users?$filter=age ge 25 and age le 34")]
    [InlineData("/odata/Users?$filter=events/$count($filter=eventName eq 'LOGIN') ge 3")]
    [InlineData("/odata/Users?$filter=events/$count($filter=eventName eq 'LOGIN' and timestamp lt 2025-12-31T00:00:00Z) ge 3")]
    [InlineData("/odata/Users?$filter=events/all(e: e/eventName eq 'LOGIN')")]
    [InlineData("/odata/Users?$filter=not events/any()")]
    [InlineData("/odata/Users?$filter=signupDate ge 2024-01-01&$orderby=signupDate desc&$top=20")]
    [InlineData("/odata/Users?$filter=tolower(deviceType) in ('ios','android')")]
    [InlineData("/odata/Users?$filter=contains(tolower(name),'an')")]
    [InlineData("/odata/Events?$filter=eventName eq 'PURCHASE_MADE' and timestamp ge 2025-01-01T00:00:00Z")]
    [InlineData("/odata/Users?$select=userId&$expand=events($filter=eventName eq 'LOGIN';$orderby=timestamp desc;$top=5)")]
    [InlineData("/odata/Users/$count?$filter=location eq 'Texas'")]
    [InlineData("/odata/Users?$filter=location%20eq%20%27California%27%20and%20events/any(e:%20e/eventName%20eq%20%27LOGIN%27)&$count=true")]
    [InlineData("/odata/Users?$filter=events/any(e: e/timestamp ge 2025-06-01T00:00:00-07:00 and e/timestamp lt 2025-06-02T00:00:00-07:00)")]
    [InlineData("/odata/Users?$format=json&$top=1")]
    public async Task Documented_example_is_answered(string url)
    {
        using var response = await server.Client.GetAsync(url);

        ((int)response.StatusCode).Should().Be(200, await response.Content.ReadAsStringAsync());
    }
}
