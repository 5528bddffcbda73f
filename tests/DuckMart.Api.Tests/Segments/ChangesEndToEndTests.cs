using System.Net;
using System.Text.Json;
using DuckMart.Api.Tests.Segments.Fixtures;

namespace DuckMart.Api.Tests.Segments;

/// <summary>POST /segments/changes over <see cref="SegmentsDatabase.Brief"/>, field names and errors as CONTRACT.md section 5 gives them.</summary>
public sealed class ChangesEndToEndTests : BriefServerTests
{
    [Fact]
    public async Task Users_who_logged_in_since_1900_all_entered_and_none_left()
    {
        var response = await Server.PostJsonAsync("/segments/changes", $$"""{ "where": {{CaliforniaLogin}}, "from": "1900-01-01T00:00:00Z", "to": "{{SegmentsDatabase.AsOf}}" }""");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await SegmentsServer.ReadJsonAsync(response);
        body.GetProperty("from").GetString().Should().Be("1900-01-01T00:00:00Z");
        body.GetProperty("to").GetString().Should().Be(SegmentsDatabase.AsOf);
        body.GetProperty("countFrom").GetInt64().Should().Be(0);
        body.GetProperty("countTo").GetInt64().Should().Be(SegmentsDatabase.CaliforniansWhoLoggedIn.Length);
        body.GetProperty("entered").GetProperty("count").GetInt64().Should().Be(SegmentsDatabase.CaliforniansWhoLoggedIn.Length);
        body.GetProperty("entered").GetProperty("userIds").EnumerateArray().Select(e => e.GetInt64()).Should().Equal(SegmentsDatabase.CaliforniansWhoLoggedIn);
        body.GetProperty("left").GetProperty("count").GetInt64().Should().Be(0);
        body.GetProperty("left").GetProperty("userIds").GetArrayLength().Should().Be(0);
        body.GetProperty("stayed").GetInt64().Should().Be(0);
    }

    [Fact]
    public async Task An_attribute_segment_does_not_move_and_every_member_stayed()
    {
        var body = await SegmentsServer.ReadJsonAsync(await Server.PostJsonAsync(
            "/segments/changes", $$"""{ "where": {{AgeBand}}, "from": "2025-01-01T00:00:00Z", "to": "{{SegmentsDatabase.AsOf}}", "timezone": "Europe/Paris", "limit": 1 }"""));

        body.GetProperty("countFrom").GetInt64().Should().Be(SegmentsDatabase.AgeBand.Length);
        body.GetProperty("countTo").GetInt64().Should().Be(SegmentsDatabase.AgeBand.Length);
        body.GetProperty("stayed").GetInt64().Should().Be(SegmentsDatabase.AgeBand.Length);
        body.GetProperty("entered").GetProperty("count").GetInt64().Should().Be(0);
    }

    [Fact]
    public async Task Bad_input_is_a_400_problem_with_a_pointer_for_each_error()
    {
        var response = await Server.PostJsonAsync(
            "/segments/changes", $$"""{ "where": { "type": "attribute", "field": "age", "op": "between", "value": [34, 25] }, "from": "{{SegmentsDatabase.AsOf}}", "to": "2025-01-01T00:00:00Z", "timezone": "Nowhere/Else", "limit": "ten" }""");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var body = await SegmentsServer.ReadJsonAsync(response);
        body.GetProperty("title").GetString().Should().Be("Invalid segment");
        var errors = body.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("pointer").GetString(), e.GetProperty("code").GetString())).ToList();
        errors.Should().Contain(("/where/value", "between_not_ordered"))
            .And.Contain(("/to", "invalid_window"))
            .And.Contain(("/timezone", "invalid_timezone"))
            .And.Contain(("/limit", "invalid_limit"));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_400_not_a_500()
    {
        var response = await Server.PostJsonAsync("/segments/changes", "{ nope");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await SegmentsServer.ReadJsonAsync(response)).GetProperty("errors")[0].GetProperty("code").GetString().Should().Be("invalid_json");
    }
}
