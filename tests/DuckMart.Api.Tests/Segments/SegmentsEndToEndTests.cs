using System.Net;
using System.Text.Json;
using DuckMart.Api.Segments;
using DuckMart.Api.Tests.Segments.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace DuckMart.Api.Tests.Segments;

/// <summary>
/// POST /segments with the real spec reader and translator over <see cref="SegmentsDatabase.Brief"/>.
/// These need the spec and engine branches: against the stubs they fail with NotImplementedException (500).
/// </summary>
public sealed class SegmentsEndToEndTests : BriefServerTests
{
    private static string Body(string where, string extra = "") =>
        $$"""{ "where": {{where}}, "asOf": "{{SegmentsDatabase.AsOf}}"{{extra}} }""";

    [Fact]
    public async Task The_brief_age_band_is_every_user_aged_25_to_34()
    {
        var response = await Server.PostJsonAsync("/segments", Body(AgeBand));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var body = await SegmentsServer.ReadJsonAsync(response);
        body.GetProperty("count").GetInt64().Should().Be(SegmentsDatabase.AgeBand.Length);
        SegmentsServer.UserIds(body).Should().Equal(SegmentsDatabase.AgeBand);
        body.GetProperty("nextCursor").ValueKind.Should().Be(JsonValueKind.Null);
        body.GetProperty("asOf").GetString().Should().Be(SegmentsDatabase.AsOf);
        body.TryGetProperty("sql", out _).Should().BeFalse();
    }

    [Fact]
    public async Task The_brief_californians_who_logged_in_before_asOf()
    {
        var body = await SegmentsServer.ReadJsonAsync(await Server.PostJsonAsync("/segments", Body(CaliforniaLogin)));

        SegmentsServer.UserIds(body).Should().Equal(SegmentsDatabase.CaliforniansWhoLoggedIn);
        body.GetProperty("count").GetInt64().Should().Be(3);
    }

    [Fact]
    public async Task Without_asOf_the_segment_is_evaluated_at_the_arrival_of_the_request()
    {
        var before = DateTimeOffset.UtcNow;
        var body = await SegmentsServer.ReadJsonAsync(await Server.PostJsonAsync("/segments", $$"""{ "where": {{CaliforniaLogin}} }"""));
        var after = DateTimeOffset.UtcNow;

        var asOf = DateTimeOffset.Parse(body.GetProperty("asOf").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        asOf.Should().BeOnOrAfter(before).And.BeOnOrBefore(after);
        // Logins after the fixture's asOf count once "now" has passed them: 11 at 2025-12-31, 10 on 2026-01-05.
        var expected = new List<long>(SegmentsDatabase.CaliforniansWhoLoggedIn);
        if (before > new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero))
        {
            expected.Add(10);
        }

        if (before > new DateTimeOffset(2025, 12, 31, 0, 0, 0, TimeSpan.Zero))
        {
            expected.Add(11);
        }

        SegmentsServer.UserIds(body).Should().Equal(expected);
    }

    [Fact]
    public async Task Pages_joined_by_their_cursors_are_the_whole_segment_and_the_count_never_changes()
    {
        var seen = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var extra = ", \"limit\": 3" + (cursor is null ? "" : $", \"cursor\": \"{cursor}\"");
            var body = await SegmentsServer.ReadJsonAsync(await Server.PostJsonAsync("/segments", Body(AgeBand, extra)));
            body.GetProperty("count").GetInt64().Should().Be(SegmentsDatabase.AgeBand.Length);
            var ids = SegmentsServer.UserIds(body);
            ids.Length.Should().BeLessThanOrEqualTo(3);
            seen.AddRange(ids);
            cursor = body.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 10);

        pages.Should().Be(3);
        seen.Should().Equal(SegmentsDatabase.AgeBand);
    }

    [Fact]
    public async Task Count_only_answers_the_count_without_ids()
    {
        var body = await SegmentsServer.ReadJsonAsync(await Server.PostJsonAsync("/segments", Body(AgeBand, ", \"countOnly\": true")));

        body.GetProperty("count").GetInt64().Should().Be(SegmentsDatabase.AgeBand.Length);
        body.TryGetProperty("userIds", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Explain_adds_the_sql_with_parameters_and_no_raw_values()
    {
        var body = await SegmentsServer.ReadJsonAsync(await Server.PostJsonAsync("/segments", Body(CaliforniaLogin, ", \"explain\": true")));

        var sql = body.GetProperty("sql").GetString()!;
        sql.Should().Contain("users").And.NotContain("California").And.NotContain("LOGIN");
        var values = body.GetProperty("parameters").EnumerateObject().Select(p => p.Value.ToString()).ToList();
        values.Should().Contain("California").And.Contain("LOGIN");
        SegmentsServer.UserIds(body).Should().Equal(SegmentsDatabase.CaliforniansWhoLoggedIn);
    }

    [Fact]
    public async Task Explain_sql_is_not_html_escaped()
    {
        // A window renders comparisons ("timestamp" >= ... < ...), the characters an HTML-safe encoder would mangle.
        var response = await Server.PostJsonAsync("/segments", Body("""{ "type": "event", "name": "LOGIN", "window": { "last": "P30D" } }""", ", \"explain\": true"));
        var text = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        // It is JSON, not HTML: the SQL's comparison signs and quotes are written as themselves (issue 16).
        JsonDocument.Parse(text).RootElement.GetProperty("sql").GetString().Should().Contain("<");
        text.Should().Contain("<").And.NotContain("\\u003C").And.NotContain("\\u003E").And.NotContain("\\u0027").And.NotContain("\\u0022");
    }

    [Fact]
    public async Task Accept_text_csv_streams_every_matching_id_under_a_user_id_header()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/segments")
        {
            Content = new StringContent(Body(AgeBand, ", \"limit\": 2"), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("text/csv");

        var response = await Server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        (await response.Content.ReadAsStringAsync()).Should().Be("user_id\n" + string.Join("", SegmentsDatabase.AgeBand.Select(i => $"{i}\n")));
    }

    [Fact]
    public async Task A_cursor_the_server_did_not_hand_out_is_a_400_at_cursor()
    {
        var response = await Server.PostJsonAsync("/segments", Body(AgeBand, ", \"cursor\": \"bm9wZQ\""));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await SegmentsServer.ErrorsAsync(response)).Select(e => e.Pointer).Should().Contain("/cursor");
    }

    [Theory]
    [InlineData("""{ "type": "attribute", "field": "shoeSize", "op": "eq", "value": 42 }""", "/where/field")]
    [InlineData("""{ "type": "attribute", "field": "age", "op": "like", "value": 42 }""", "/where/op")]
    [InlineData("""{ "type": "attribute", "field": "age", "op": "eq", "value": "old" }""", "/where/value")]
    [InlineData("""{ "type": "attribute", "field": "age", "op": "between", "value": [25] }""", "/where/value")]
    [InlineData("""{ "type": "attribute", "field": "age", "op": "between", "value": [34, 25] }""", "/where/value")]
    [InlineData("""{ "type": "event", "name": "LOGIN", "window": { "last": "P3X" } }""", "/where/window/last")]
    [InlineData("""{ "type": "event", "name": "LOGIN", "count": { "op": "gte", "value": "three" } }""", "/where/count/value")]
    [InlineData("""{ "type": "event", "name": "LOGIN", "count": { "op": "about", "value": 3 } }""", "/where/count/op")]
    [InlineData("""{ "type": "segment", "id": "nobody-saved-this" }""", "/where/id")]
    [InlineData("""{ "type": "and", "of": [ { "type": "event" }, { "type": "attribute", "field": "age", "op": "eq", "value": true } ] }""", "/where/of/1/value")]
    public async Task An_invalid_spec_is_a_400_problem_pointing_at_the_bad_node(string where, string pointer)
    {
        var response = await Server.PostJsonAsync("/segments", Body(where));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await SegmentsServer.ReadJsonAsync(response);
        problem.GetProperty("status").GetInt32().Should().Be(400);
        problem.GetProperty("title").GetString().Should().Be("Invalid segment");
        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        errors.Should().NotBeEmpty();
        errors.Should().OnlyContain(e => e.GetProperty("code").GetString()!.Length > 0 && e.GetProperty("message").GetString()!.Length > 0);
        errors.Select(e => e.GetProperty("pointer").GetString()).Should().Contain(pointer);
    }

    [Theory]
    [InlineData("""{ "where": { "type": "event" }, "timezone": "Mars/Olympus" }""", "/timezone")]
    [InlineData("""{ "where": { "type": "event" }, "asOf": "yesterday" }""", "/asOf")]
    [InlineData("""{ "where": { "type": "event" }, "limit": 0 }""", "/limit")]
    [InlineData("""{ "asOf": "2025-12-31T00:00:00Z" }""", "/where")]
    public async Task An_invalid_request_member_is_a_400_problem_pointing_at_it(string body, string pointer)
    {
        var response = await Server.PostJsonAsync("/segments", body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await SegmentsServer.ErrorsAsync(response)).Select(e => e.Pointer).Should().Contain(pointer);
    }

    [Fact]
    public async Task Every_error_in_a_spec_is_reported_at_once()
    {
        var where = """
            { "type": "and", "of": [
                { "type": "attribute", "field": "shoeSize", "op": "eq", "value": 1 },
                { "type": "event", "name": "LOGIN", "window": { "last": "P3X" } } ] }
            """;

        var response = await Server.PostJsonAsync("/segments", Body(where));

        (await SegmentsServer.ErrorsAsync(response)).Select(e => e.Pointer).Should().Contain(["/where/of/0/field", "/where/of/1/window/last"]);
    }

    [Fact]
    public async Task A_query_past_the_time_limit_is_a_503_and_the_next_query_is_answered()
    {
        var engine = new ListEngine([1, 2, 3]) { Slow = true };
        await using var slowServer = await SegmentsServer.StartAsync(Database.Path, b =>
        {
            b.Services.AddSingleton<ISegmentEngine>(engine);
            b.Configuration["DuckMart:QueryTimeout"] = "00:00:00.300";
        });

        var slow = await slowServer.PostJsonAsync("/segments", Body(AgeBand));
        engine.Slow = false;
        var next = await slowServer.PostJsonAsync("/segments", Body(AgeBand));

        slow.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await SegmentsServer.ReadJsonAsync(slow)).GetProperty("code").GetString().Should().Be("query_timeout");
        next.StatusCode.Should().Be(HttpStatusCode.OK);
        SegmentsServer.UserIds(await SegmentsServer.ReadJsonAsync(next)).Should().Equal(1, 2, 3);
    }
}
