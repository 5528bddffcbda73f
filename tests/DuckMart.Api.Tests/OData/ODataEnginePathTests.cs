using DuckMart.Segments.Linq;

namespace DuckMart.Api.Tests.OData;

/// <summary>
/// OData $filter goes through the same recogniser as LINQ (issue 13): the DuckMart-Engine header says which path ran,
/// and the users are the same as CONTRACT.md's meaning (ODataFilterTests and JsonSpecEquivalenceTests check those).
/// </summary>
public class ODataEnginePathTests(ODataServer server) : IClassFixture<ODataServer>
{
    [Theory]
    [InlineData("location eq 'California' and events/any(e: e/eventName eq 'LOGIN')", "segment")]
    [InlineData("events/$count($filter=eventName eq 'LOGIN') ge 3", "segment")]
    [InlineData("not events/any()", "segment")]
    [InlineData("age ge 25 and age le 34", "segment")]
    [InlineData("tolower(deviceType) in ('ios','web')", "segment")]
    [InlineData("signupDate ge 2024-01-01 and not (signupDate eq 2024-06-15)", "segment")]
    [InlineData("contains(tolower(name),'an')", "segment")]
    [InlineData("length(name) eq 3", "linq")]
    [InlineData("events/any(e: e/eventName eq 'LOGIN') and length(name) gt 3", "partial")]
    [InlineData("events/any(e: hour(e/timestamp) eq 20)", "linq")]
    public async Task The_engine_header_says_which_path_ran(string filter, string path)
    {
        using var response = await server.Client.GetAsync("/odata/Users?$select=userId&$filter=" + Uri.EscapeDataString(filter));

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        response.Headers.GetValues(EnginePathHeader.Name).Should().Equal(path);
    }

    [Fact]
    public async Task Events_are_always_plain_linq()
    {
        using var response = await server.Client.GetAsync("/odata/Events?$filter=" + Uri.EscapeDataString("eventName eq 'LOGIN'"));

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        response.Headers.GetValues(EnginePathHeader.Name).Should().Equal("linq");
    }
}
