using System.Net;
using DuckMart.Api.Tests.Segments.Fixtures;

namespace DuckMart.Api.Tests.Dataset;

/// <summary>
/// Issue 16, points 6 and 7: asOf may be a plain date (midnight in the request's zone, as dates are in conditions),
/// in POST /segments, POST /segments/profile and GET /segments/{id}/users; and every answer writes asOf as "…Z".
/// </summary>
public sealed class AsOfFormTests : IAsyncLifetime
{
    private readonly SegmentsDatabase database = SegmentsDatabase.Brief();
    private SegmentsServer server = null!;

    public async Task InitializeAsync() => server = await SegmentsServer.StartAsync(database.Path);

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        database.Dispose();
    }

    [Theory]
    [InlineData("/segments", null, "2025-12-31T00:00:00Z")]
    [InlineData("/segments", "America/New_York", "2025-12-31T05:00:00Z")]
    [InlineData("/segments/profile", null, "2025-12-31T00:00:00Z")]
    [InlineData("/segments/profile", "Asia/Tokyo", "2025-12-30T15:00:00Z")]
    [InlineData("/segments/users", "America/New_York", "2025-12-31T05:00:00Z")]
    public async Task A_plain_date_is_midnight_in_the_zone_and_comes_back_as_an_instant_in_Z(string path, string? zone, string expected)
    {
        var timezone = zone is null ? "" : $$""", "timezone": "{{zone}}" """;
        var response = await server.PostJsonAsync(path, $$"""{ "where": { "type": "event", "name": "LOGIN" }, "asOf": "2025-12-31"{{timezone}} }""");

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await SegmentsServer.ReadJsonAsync(response)).GetProperty("asOf").GetString().Should().Be(expected);
    }

    [Fact]
    public async Task A_date_asOf_sees_what_the_same_midnight_as_an_instant_sees()
    {
        var asDate = await SegmentsServer.ReadJsonAsync(await server.PostJsonAsync("/segments", """{ "where": { "type": "event", "name": "LOGIN" }, "asOf": "2025-12-31" }"""));

        // User 11 logged in exactly at 2025-12-31T00:00:00Z, so is not seen; user 3 one second before is.
        SegmentsServer.UserIds(asDate).Should().Equal(1, 3, 4, 6);
    }

    [Theory]
    [InlineData("/segments")]
    [InlineData("/segments/profile")]
    public async Task An_instant_asOf_with_an_offset_comes_back_in_Z(string path)
    {
        var response = await server.PostJsonAsync(path, """{ "where": { "type": "event" }, "asOf": "2025-12-31T01:00:00+01:00" }""");

        (await SegmentsServer.ReadJsonAsync(response)).GetProperty("asOf").GetString().Should().Be("2025-12-31T00:00:00Z");
    }

    [Fact]
    public async Task A_saved_segment_takes_a_date_asOf_in_the_query_string()
    {
        (await server.PutJsonAsync("/segments/logins", """{ "where": { "type": "event", "name": "LOGIN" } }""")).EnsureSuccessStatusCode();

        var body = await SegmentsServer.ReadJsonAsync(await server.Client.GetAsync("/segments/logins/users?asOf=2025-12-31&timezone=America/New_York"));

        body.GetProperty("asOf").GetString().Should().Be("2025-12-31T05:00:00Z");
        SegmentsServer.UserIds(body).Should().Equal(1, 3, 4, 6, 11);
    }

    [Fact]
    public async Task A_date_before_1900_is_still_refused()
    {
        var response = await server.PostJsonAsync("/segments", """{ "where": { "type": "event" }, "asOf": "1800-01-01" }""");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await SegmentsServer.ErrorsAsync(response)).Should().Equal(("/asOf", "invalid_as_of"));
    }
}
