using System.Net;
using DuckMart.Api.Tests.Segments.Fixtures;

namespace DuckMart.Api.Tests.Segments;

/// <summary>POST /segments/sizes and the saved-segment GET forms over <see cref="SegmentsDatabase.Brief"/>, as CONTRACT.md section 5 gives them.</summary>
public sealed class SizesEndToEndTests : BriefServerTests
{
    [Fact]
    public async Task Sizes_list_every_point_from_from_to_to_inclusive_with_the_count_post_segments_gives()
    {
        var response = await Server.PostJsonAsync(
            "/segments/sizes", $$"""{ "where": {{CaliforniaLogin}}, "from": "2025-12-28T00:00:00Z", "to": "{{SegmentsDatabase.AsOf}}", "every": "P1D" }""");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var points = (await SegmentsServer.ReadJsonAsync(response)).GetProperty("points").EnumerateArray().ToList();
        points.Select(p => p.GetProperty("asOf").GetString()).Should().Equal(
            "2025-12-28T00:00:00Z", "2025-12-29T00:00:00Z", "2025-12-30T00:00:00Z", SegmentsDatabase.AsOf);
        points[^1].GetProperty("count").GetInt64().Should().Be(SegmentsDatabase.CaliforniansWhoLoggedIn.Length);
        foreach (var point in points)
        {
            var asOf = point.GetProperty("asOf").GetString();
            var posted = await SegmentsServer.ReadJsonAsync(await Server.PostJsonAsync(
                "/segments", $$"""{ "where": {{CaliforniaLogin}}, "asOf": "{{asOf}}", "countOnly": true }"""));
            point.GetProperty("count").GetInt64().Should().Be(posted.GetProperty("count").GetInt64(), $"the size at {asOf} is POST /segments' count then");
        }
    }

    [Fact]
    public async Task A_point_that_does_not_land_on_to_is_not_listed()
    {
        var body = await SegmentsServer.ReadJsonAsync(await Server.PostJsonAsync(
            "/segments/sizes", $$"""{ "where": {{AgeBand}}, "from": "2025-12-01T00:00:00Z", "to": "2025-12-20T00:00:00Z", "every": "P1W", "timezone": "Europe/Paris" }"""));

        body.GetProperty("points").EnumerateArray().Select(p => (p.GetProperty("asOf").GetString(), p.GetProperty("count").GetInt64())).Should().Equal(
            ("2025-12-01T00:00:00Z", SegmentsDatabase.AgeBand.Length), ("2025-12-08T00:00:00Z", SegmentsDatabase.AgeBand.Length), ("2025-12-15T00:00:00Z", SegmentsDatabase.AgeBand.Length));
    }

    [Theory]
    [InlineData("""{ "where": {"type":"event","name":"LOGIN"}, "from": "2025-01-01T00:00:00Z", "to": "2025-12-31T00:00:00Z", "every": "PT1H" }""", "/every", "too_many_points")]
    [InlineData("""{ "where": {"type":"event","name":"LOGIN"}, "from": "2025-01-01T00:00:00Z", "to": "2025-12-31T00:00:00Z", "every": "P1M" }""", "/every", "invalid_duration")]
    [InlineData("""{ "where": {"type":"event","name":"LOGIN"}, "from": "2025-01-01T00:00:00Z", "to": "2025-12-31T00:00:00Z", "every": "PT0S" }""", "/every", "invalid_duration")]
    [InlineData("""{ "where": {"type":"event","name":"LOGIN"}, "from": "2025-01-01T00:00:00Z", "to": "2025-12-31T00:00:00Z", "every": 1 }""", "/every", "invalid_duration")]
    [InlineData("""{ "where": {"type":"event","name":"LOGIN"}, "from": "2025-01-01T00:00:00Z", "to": "2025-12-31T00:00:00Z" }""", "/every", "missing_field")]
    [InlineData("""{ "where": {"type":"event","name":"LOGIN"}, "to": "2025-12-31T00:00:00Z", "every": "P1D" }""", "/from", "missing_field")]
    [InlineData("""{ "from": "2025-12-01T00:00:00Z", "to": "2025-12-31T00:00:00Z", "every": "P1D" }""", "/where", "missing_field")]
    [InlineData("""{ "where": {"type":"event","name":"LOGIN"}, "from": "2025-12-01", "to": "2025-12-31T00:00:00Z", "every": "P1D" }""", "/from", "invalid_as_of")]
    [InlineData("""{ "where": {"type":"event","name":"LOGIN"}, "from": "2025-12-31T00:00:00Z", "to": "2025-12-01T00:00:00Z", "every": "P1D" }""", "/to", "invalid_window")]
    [InlineData("""{ "where": {"type":"event","name":"LOGIN"}, "from": "2025-12-01T00:00:00Z", "to": "2025-12-31T00:00:00Z", "every": "P1D", "timezone": "Mars/Base" }""", "/timezone", "invalid_timezone")]
    [InlineData("""{ "where": {"type":"event","name":"LOGIN"}, "from": "2025-12-01T00:00:00Z", "to": "2025-12-31T00:00:00Z", "every": "P1D", "limit": 3 }""", "/limit", "unknown_property")]
    [InlineData("""{ "where": {"type":"attribute","field":"agee","op":"eq","value":1}, "from": "2025-12-01T00:00:00Z", "to": "2025-12-31T00:00:00Z", "every": "P1D" }""", "/where/field", "unknown_field")]
    [InlineData("""{ "where": {"type":"segment","id":"nope"}, "from": "2025-12-01T00:00:00Z", "to": "2025-12-31T00:00:00Z", "every": "P1D" }""", "/where/id", "unknown_segment")]
    [InlineData("""[1]""", "", "expected_object")]
    [InlineData("""{ nope""", "", "invalid_json")]
    public async Task Every_bad_sizes_body_is_a_400_with_its_pointer_and_code(string body, string pointer, string code)
    {
        var response = await Server.PostJsonAsync("/segments/sizes", body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await SegmentsServer.ErrorsAsync(response)).Should().Contain((pointer, code));
    }

    [Fact]
    public async Task Saved_forms_answer_as_the_post_forms_do()
    {
        (await Server.PutJsonAsync("/segments/ca-login", $$"""{ "where": {{CaliforniaLogin}} }""")).StatusCode.Should().Be(HttpStatusCode.Created);

        var postedChanges = await SegmentsServer.ReadJsonAsync(await Server.PostJsonAsync(
            "/segments/changes", $$"""{ "where": {{CaliforniaLogin}}, "from": "1900-01-01T00:00:00Z", "to": "{{SegmentsDatabase.AsOf}}", "limit": 2 }"""));
        var savedChanges = await SegmentsServer.ReadJsonAsync(await Server.Client.GetAsync(
            $"/segments/ca-login/changes?from=1900-01-01T00:00:00Z&to={SegmentsDatabase.AsOf}&limit=2"));
        savedChanges.GetRawText().Should().Be(postedChanges.GetRawText());

        var postedSizes = await SegmentsServer.ReadJsonAsync(await Server.PostJsonAsync(
            "/segments/sizes", $$"""{ "where": {{CaliforniaLogin}}, "from": "2025-12-20T00:00:00Z", "to": "{{SegmentsDatabase.AsOf}}", "every": "P2D", "timezone": "Asia/Tokyo" }"""));
        var savedSizes = await SegmentsServer.ReadJsonAsync(await Server.Client.GetAsync(
            $"/segments/ca-login/sizes?from=2025-12-20T09:00:00 09:00&to={SegmentsDatabase.AsOf}&every=P2D&timezone=Asia/Tokyo"));
        savedSizes.GetRawText().Should().Be(postedSizes.GetRawText());
    }

    [Theory]
    [InlineData("/segments/nope/sizes?from=2025-12-01T00:00:00Z&to=2025-12-31T00:00:00Z&every=P1D")]
    [InlineData("/segments/nope/changes?from=2025-12-01T00:00:00Z&to=2025-12-31T00:00:00Z")]
    public async Task An_unknown_saved_segment_is_a_404(string path)
    {
        var response = await Server.Client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await SegmentsServer.ReadJsonAsync(response)).GetProperty("code").GetString().Should().Be("segment_not_found");
    }

    [Theory]
    [InlineData("/segments/ca-login/sizes?to=2025-12-31T00:00:00Z&every=P1D", "/from", "missing_field")]
    [InlineData("/segments/ca-login/sizes?from=yesterday&to=2025-12-31T00:00:00Z&every=P1D", "/from", "invalid_as_of")]
    [InlineData("/segments/ca-login/sizes?from=2025-01-01T00:00:00Z&to=2025-12-31T00:00:00Z&every=PT1M", "/every", "too_many_points")]
    [InlineData("/segments/ca-login/sizes?from=2025-12-01T00:00:00Z&to=2025-12-31T00:00:00Z&every=daily", "/every", "invalid_duration")]
    [InlineData("/segments/ca-login/sizes?from=2025-12-01T00:00:00Z&to=2025-12-31T00:00:00Z&every=P1D&timezone=Nowhere", "/timezone", "invalid_timezone")]
    [InlineData("/segments/ca-login/changes?from=2025-12-31T00:00:00Z&to=2025-12-01T00:00:00Z", "/to", "invalid_window")]
    [InlineData("/segments/ca-login/changes?from=2025-12-01T00:00:00Z&to=2025-12-31T00:00:00Z&limit=ten", "/limit", "invalid_limit")]
    [InlineData("/segments/ca-login/changes?from=2025-12-01T00:00:00Z&to=2025-12-31T00:00:00Z&limit=0", "/limit", "invalid_limit")]
    [InlineData("/segments/Bad%20Id/changes?from=2025-12-01T00:00:00Z&to=2025-12-31T00:00:00Z", null, null)]
    public async Task Bad_query_values_are_a_400_naming_the_parameter(string path, string? pointer, string? code)
    {
        (await Server.PutJsonAsync("/segments/ca-login", $$"""{ "where": {{CaliforniaLogin}} }""")).StatusCode.Should().Be(HttpStatusCode.Created);

        var response = await Server.Client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        if (pointer is not null)
        {
            (await SegmentsServer.ErrorsAsync(response)).Should().Contain((pointer, code!));
        }
    }
}
