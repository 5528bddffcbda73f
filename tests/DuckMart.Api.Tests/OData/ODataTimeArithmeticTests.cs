using DuckMart.Segments.Linq;

namespace DuckMart.Api.Tests.OData;

/// <summary>
/// Issue 16 point 3: the time filters OData clients send (now() and duration arithmetic against timestamp) work and
/// reach the segment engine, and every refusal speaks OData (ge, Edm.Date), never CLR type names.
/// </summary>
public class ODataTimeArithmeticTests(ODataServer server) : IClassFixture<ODataServer>
{
    [Theory]
    // Instant arithmetic is the same users as the literal it computes (ODataFilterTests has the literal forms).
    [InlineData("events/any(e: e/timestamp ge 2025-01-18T00:00:00Z sub duration'P1D' and e/timestamp lt 2025-01-18T00:00:00Z)", "events/any(e: e/timestamp ge 2025-01-17T00:00:00Z and e/timestamp lt 2025-01-18T00:00:00Z)")]
    [InlineData("events/any(e: e/timestamp lt 2024-12-31T00:00:00Z add duration'PT23H59M59S')", "events/any(e: e/timestamp lt 2024-12-31T23:59:59Z)")]
    [InlineData("not events/any(e: e/timestamp ge 2025-01-01T00:00:00Z sub duration'P365D')", "not events/any(e: e/timestamp ge 2024-01-02T00:00:00Z)")]
    // The sample's events are all long before today, so "in the last 7 days" is nobody and "before that" is everyone with events.
    [InlineData("events/any(e: e/timestamp lt now() sub duration'P7D')", "events/any()")]
    [InlineData("not events/any(e: e/timestamp ge now() sub duration'P7D')", "age eq age or age eq null")]
    public async Task Instant_arithmetic_selects_the_same_users_as_its_literal(string arithmetic, string literal)
    {
        var computed = await server.GetUserIdsAsync(arithmetic);
        var expected = await server.GetUserIdsAsync(literal);

        computed.Should().Equal(expected);
        computed.Should().NotBeEmpty("each case is chosen to match some users, so an always-empty answer cannot pass");
    }

    [Fact]
    public async Task Now_minus_a_duration_runs_on_the_segment_engine()
    {
        var filter = "events/any(e: e/eventName eq 'LOGIN' and e/timestamp ge now() sub duration'P7D')";
        using var response = await server.Client.GetAsync("/odata/Users?$select=userId&$filter=" + Uri.EscapeDataString(filter));

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        response.Headers.GetValues(EnginePathHeader.Name).Should().Equal("segment");
    }

    [Theory]
    [InlineData("signupDate ge 2024-01-01T00:00:00Z")]
    [InlineData("signupDate ge now()")]
    [InlineData("age ge 'x'")]
    [InlineData("name eq 3")]
    [InlineData("age add 'a' gt 1")]
    [InlineData("events/any(e: e/timestamp add 1 gt now())")]
    [InlineData("signupDate sub duration'P1D' gt 2024-01-01")]
    [InlineData("contains(age,'1')")]
    public async Task A_refused_filter_speaks_OData_not_dotnet(string filter)
    {
        var (status, body) = await server.GetJsonAsync("/odata/Users?$filter=" + Uri.EscapeDataString(filter));

        status.Should().Be(400, "a user's mistake is a 400, never a 500: {0}", body);
        var text = body.ToString();
        text.Should().NotContain("System.", "the refusal of {0} should use OData's type names: {1}", filter, text);
        text.Should().NotContain("`1");
    }

    [Fact]
    public async Task A_date_compared_with_an_instant_names_both_OData_types()
    {
        var (status, body) = await server.GetJsonAsync("/odata/Users?$filter=" + Uri.EscapeDataString("signupDate ge 2024-01-01T00:00:00Z"));

        status.Should().Be(400);
        body.GetProperty("detail").GetString().Should().Contain("'ge'").And.Contain("Edm.Date").And.Contain("Edm.DateTimeOffset");
    }
}
