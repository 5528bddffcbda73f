namespace DuckMart.Api.Tests.OData;

/// <summary>
/// Each $filter form against the sample users (TestDatabase.CreateSample), checked for the exact users.
/// NULL attributes follow CONTRACT.md section 3: a NULL fails every comparison, and <c>not</c> is plain negation.
/// </summary>
public class ODataFilterTests(ODataServer server) : IClassFixture<ODataServer>
{
    [Theory]
    // Comparisons and logic
    [InlineData("location eq 'California'", new long[] { 1, 2, 6 })]
    [InlineData("location ne 'California'", new long[] { 3, 4, 5, 7, 8 })]
    [InlineData("not (location eq 'California')", new long[] { 3, 4, 5, 7, 8 })]
    [InlineData("age gt 30 and age le 42", new long[] { 2, 3, 6, 8 })]
    [InlineData("age lt 30 or age ge 60", new long[] { 1, 5, 7 })]
    [InlineData("not (age gt 30)", new long[] { 1, 4, 5 })]
    [InlineData("age eq null", new long[] { 4 })]
    [InlineData("gender ne null and subscriptionPlan eq 'free'", new long[] { 2, 4, 8 })]
    [InlineData("location in ('Texas','New York')", new long[] { 3, 4, 7, 8 })]
    [InlineData("not (location in ('Texas','New York'))", new long[] { 1, 2, 5, 6 })]
    // Strings: case-sensitive unless lowered; quotes doubled
    [InlineData("contains(name,'an')", new long[] { 4, 8 })]
    [InlineData("contains(tolower(name),'an')", new long[] { 1, 4, 8 })]
    [InlineData("not contains(location,'o')", new long[] { 4, 5, 7 })]
    [InlineData("startswith(name,'Finn')", new long[] { 6 })]
    [InlineData("endswith(name,'a')", new long[] { 3, 8 })]
    [InlineData("name eq 'Finn O''Brien'", new long[] { 6 })]
    // Dates (signupDate is Edm.Date)
    [InlineData("signupDate ge 2024-01-01", new long[] { 1, 3, 6, 7 })]
    [InlineData("signupDate lt 2024-01-01", new long[] { 2, 4, 8 })]
    [InlineData("year(signupDate) eq 2024", new long[] { 1, 3, 7 })]
    [InlineData("month(signupDate) eq 12", new long[] { 8 })]
    // A NULL date (user 5) fails the comparison, so ne and not keep it, as the JSON spec's neq and not do
    // (the library compares dates through x.Value arithmetic, which linq2db took as never NULL).
    [InlineData("signupDate ne 2023-12-31", new long[] { 1, 2, 3, 4, 5, 6, 7 })]
    [InlineData("not (signupDate ge 2024-01-01)", new long[] { 2, 4, 5, 8 })]
    [InlineData("not (year(signupDate) eq 2024)", new long[] { 2, 4, 5, 6, 8 })]
    // Events: any/all/$count
    [InlineData("events/any(e: e/eventName eq 'LOGIN')", new long[] { 1, 2, 4, 6 })]
    [InlineData("location eq 'California' and events/any(e: e/eventName eq 'LOGIN')", new long[] { 1, 2, 6 })]
    [InlineData("events/any()", new long[] { 1, 2, 3, 4, 5, 6, 7 })]
    [InlineData("not events/any()", new long[] { 8 })]
    [InlineData("events/all(e: e/eventName eq 'LOGIN')", new long[] { 4, 8 })]
    [InlineData("events/$count($filter=eventName eq 'LOGIN') ge 3", new long[] { 1, 6 })]
    [InlineData("events/$count eq 0", new long[] { 8 })]
    // Timestamps (Edm.DateTimeOffset, stored as naive UTC)
    [InlineData("events/any(e: e/timestamp ge 2025-01-01T00:00:00Z)", new long[] { 1, 2, 3, 5, 6, 7 })]
    [InlineData("events/any(e: e/timestamp ge 2025-01-01T01:00:00+01:00)", new long[] { 1, 2, 3, 5, 6, 7 })]
    [InlineData("events/any(e: e/timestamp lt 2025-01-01T00:00:00Z)", new long[] { 2, 4 })]
    [InlineData("events/any(e: e/eventName eq 'LOGIN' and e/timestamp ge 2025-01-01T00:00:00Z)", new long[] { 1, 6 })]
    [InlineData("events/any(e: year(e/timestamp) eq 2024)", new long[] { 2, 4 })]
    [InlineData("events/any(e: month(e/timestamp) eq 3)", new long[] { 3 })]
    [InlineData("events/any(e: hour(e/timestamp) eq 20)", new long[] { 6 })]
    [InlineData("events/any(e: date(e/timestamp) eq 2025-01-17)", new long[] { 6 })]
    [InlineData("events/any(e: e/timestamp lt now())", new long[] { 1, 2, 3, 4, 5, 6, 7 })]
    // CONTRACT.md condition kinds, written as docs/odata.md says
    [InlineData("age ge 25 and age le 34", new long[] { 1, 5, 6, 8 })]
    [InlineData("tolower(deviceType) in ('ios','web')", new long[] { 1, 3, 4, 6, 7 })]
    [InlineData("signupDate gt 2024-06-30 and signupDate le 2025-02-02", new long[] { 3, 6 })]
    [InlineData("events/$count($filter=eventName eq 'LOGIN') ge 2 and events/$count($filter=eventName eq 'LOGIN') le 3", new long[] { 1, 4, 6 })]
    [InlineData("events/any(e: e/eventName eq 'LOGIN') and not events/any(e: e/eventName eq 'LOGIN' and e/timestamp lt 2025-01-10T00:00:00Z)", new long[] { 6 })]
    [InlineData("events/any(e: e/eventName eq 'LOGIN') and not events/any(e: e/eventName eq 'LOGIN' and e/timestamp ge 2025-01-01T00:00:00Z)", new long[] { 2, 4 })]
    [InlineData("events/any(e: e/timestamp ge 2025-01-17T00:00:00-08:00 and e/timestamp lt 2025-01-18T00:00:00-08:00)", new long[] { 6 })]
    public async Task Filter_selects_exactly_the_expected_users(string filter, long[] expected)
    {
        var ids = await server.GetUserIdsAsync(filter);

        ids.Should().Equal(expected);
    }

    [Fact]
    public async Task Events_filter_on_timestamp_compares_in_utc_and_writes_utc()
    {
        var (status, body) = await server.GetJsonAsync("/odata/Events?$filter=timestamp lt 2025-01-01T00:00:00Z");

        status.Should().Be(200);
        var events = body.GetProperty("value").EnumerateArray()
            .Select(e => (e.GetProperty("userId").GetInt64(), e.GetProperty("timestamp").GetString()))
            .ToList();
        events.Should().BeEquivalentTo(new[]
        {
            (4L, "2024-06-01T07:00:00Z"),
            (4L, "2024-06-02T07:00:00Z"),
            (2L, "2024-12-31T23:59:59Z"),
        });
    }

    [Fact]
    public async Task User_by_key_and_its_events_navigation_answer()
    {
        var (status, user) = await server.GetJsonAsync("/odata/Users(6)");
        var (eventsStatus, events) = await server.GetJsonAsync("/odata/Users(6)/events?$filter=eventName eq 'LOGIN'&$count=true");
        var (missingStatus, _) = await server.GetJsonAsync("/odata/Users(999)");

        status.Should().Be(200);
        user.GetProperty("name").GetString().Should().Be("Finn O'Brien");
        user.GetProperty("signupDate").GetString().Should().Be("2025-02-02");
        eventsStatus.Should().Be(200);
        events.GetProperty("@odata.count").GetInt64().Should().Be(3);
        missingStatus.Should().Be(404);
    }
}
