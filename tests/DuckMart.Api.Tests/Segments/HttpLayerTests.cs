using System.Net;
using System.Text.Json;
using DuckMart.Api.Segments;
using DuckMart.Api.Tests.Segments.Fixtures;
using DuckMart.Segments.Saved;
using Microsoft.Extensions.DependencyInjection;

namespace DuckMart.Api.Tests.Segments;

/// <summary>
/// The HTTP layer on its own: saved segments written straight into the store file and a <see cref="ListEngine"/>
/// in place of the translator, so paging, CSV, problems and the timeout are tested independently of the engine.
/// </summary>
public sealed class HttpLayerTests : IAsyncLifetime
{
    private static readonly long[] Ids = [3, 5, 8, 13, 21, 34, 55];
    private readonly SegmentsDatabase database = SegmentsDatabase.Brief();
    private readonly ListEngine engine = new(Ids);
    private SegmentsServer server = null!;

    public async Task InitializeAsync()
    {
        var store = database.Path + ".segments.json";
        SegmentsServer.Seed(store, "fib", """{ "type": "attribute", "field": "age", "op": "gt", "value": 1 }""", "some users");
        SegmentsServer.Seed(store, "uses-fib", """{ "type": "not", "of": { "type": "segment", "id": "fib" } }""");
        server = await SegmentsServer.StartAsync(database.Path, b =>
        {
            b.Services.AddSingleton<ISegmentEngine>(engine);
            b.Configuration["DuckMart:QueryTimeout"] = "00:00:00.300";
        });
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        database.Dispose();
    }

    [Fact]
    public async Task Pages_joined_by_their_cursors_are_the_whole_segment_and_the_count_never_changes()
    {
        var seen = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = $"/segments/fib/users?asOf={SegmentsDatabase.AsOf}&limit=3" + (cursor is null ? "" : $"&cursor={cursor}");
            var response = await server.Client.GetAsync(url);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var body = await SegmentsServer.ReadJsonAsync(response);
            body.GetProperty("count").GetInt64().Should().Be(Ids.Length);
            body.GetProperty("asOf").GetString().Should().Be(SegmentsDatabase.AsOf);
            seen.AddRange(SegmentsServer.UserIds(body));
            cursor = body.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 10);

        pages.Should().Be(3);
        seen.Should().Equal(Ids);
    }

    [Fact]
    public async Task A_page_that_ends_exactly_at_the_last_id_has_no_next_cursor()
    {
        var body = await SegmentsServer.ReadJsonAsync(await server.Client.GetAsync("/segments/fib/users?limit=7"));

        SegmentsServer.UserIds(body).Should().Equal(Ids);
        body.GetProperty("nextCursor").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task Count_only_answers_the_count_without_ids()
    {
        var body = await SegmentsServer.ReadJsonAsync(await server.Client.GetAsync("/segments/fib/users?countOnly=true"));

        body.GetProperty("count").GetInt64().Should().Be(Ids.Length);
        body.TryGetProperty("userIds", out _).Should().BeFalse();
        body.TryGetProperty("sql", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Explain_adds_the_sql_and_its_parameters()
    {
        var body = await SegmentsServer.ReadJsonAsync(await server.Client.GetAsync("/segments/fib/users?explain=true&limit=1"));

        body.GetProperty("sql").GetString().Should().Be(ListEngine.ExplainSql);
        body.GetProperty("parameters").GetProperty("p1").GetInt32().Should().Be(25);
        SegmentsServer.UserIds(body).Should().Equal(3);
    }

    [Fact]
    public async Task Accept_text_csv_streams_every_id_under_a_user_id_header()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/segments/fib/users?limit=2");
        request.Headers.Accept.ParseAdd("text/csv");

        var response = await server.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        (await response.Content.ReadAsStringAsync()).Should().Be("user_id\n" + string.Join("", Ids.Select(i => $"{i}\n")));
    }

    [Fact]
    public async Task A_large_csv_arrives_whole()
    {
        engine.Ids.Should().NotBeEmpty();
        var many = Enumerable.Range(1, 200_000).Select(i => (long)i * 3).ToArray();
        await using var big = await SegmentsServer.StartAsync(database.Path, b => b.Services.AddSingleton<ISegmentEngine>(new ListEngine(many)));
        var request = new HttpRequestMessage(HttpMethod.Get, "/segments/fib/users");
        request.Headers.Accept.ParseAdd("text/csv");

        var response = await big.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        lines[0].Should().Be("user_id");
        lines.Skip(1).Select(long.Parse).Should().Equal(many);
    }

    [Fact]
    public async Task A_large_json_answer_arrives_whole_with_its_count()
    {
        var many = Enumerable.Range(1, 200_000).Select(i => (long)i * 3).ToArray();
        await using var big = await SegmentsServer.StartAsync(database.Path, b => b.Services.AddSingleton<ISegmentEngine>(new ListEngine(many)));

        var response = await big.Client.GetAsync("/segments/fib/users", HttpCompletionOption.ResponseHeadersRead);
        var body = await SegmentsServer.ReadJsonAsync(response);

        SegmentsServer.UserIds(body).Should().Equal(many);
        body.GetProperty("count").GetInt64().Should().Be(many.Length);
        body.GetProperty("nextCursor").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/csv")]
    public async Task A_failure_after_the_answer_started_aborts_it_instead_of_ending_it(string accept)
    {
        var many = Enumerable.Range(1, 200_000).Select(i => (long)i).ToArray();
        await using var broken = await SegmentsServer.StartAsync(database.Path, b => b.Services.AddSingleton<ISegmentEngine>(new ListEngine(many) { BreakAfterRows = 150_000 }));
        var request = new HttpRequestMessage(HttpMethod.Get, "/segments/fib/users");
        request.Headers.Accept.ParseAdd(accept);

        var response = await broken.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var read = () => response.Content.ReadAsStringAsync();

        // Part of the IDs went out before the failure: the client must see a broken transfer, not a short answer.
        await read.Should().ThrowAsync<Exception>();
    }

    [Theory]
    [InlineData("cursor=bm9wZQ", "/cursor")]
    [InlineData("limit=0", "/limit")]
    [InlineData("limit=ten", "/limit")]
    [InlineData("asOf=yesterday", "/asOf")]
    [InlineData("asOf=2025-12-31T00:00:00", "/asOf")]
    [InlineData("timezone=Mars/Olympus", "/timezone")]
    [InlineData("countOnly=maybe", "/countOnly")]
    public async Task A_bad_query_parameter_is_a_400_problem_pointing_at_it(string query, string pointer)
    {
        var response = await server.Client.GetAsync($"/segments/fib/users?{query}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await SegmentsServer.ErrorsAsync(response)).Select(e => e.Pointer).Should().Equal(pointer);
    }

    [Fact]
    public async Task Every_bad_query_parameter_is_reported_at_once()
    {
        var response = await server.Client.GetAsync("/segments/fib/users?limit=-1&cursor=x&timezone=Nowhere");

        (await SegmentsServer.ErrorsAsync(response)).Select(e => e.Pointer).Should().BeEquivalentTo(["/limit", "/cursor", "/timezone"]);
    }

    [Fact]
    public async Task A_query_past_the_time_limit_is_a_503_and_the_server_goes_on()
    {
        engine.Slow = true;
        var slow = await server.Client.GetAsync("/segments/fib/users");
        engine.Slow = false;

        slow.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        slow.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await SegmentsServer.ReadJsonAsync(slow)).GetProperty("code").GetString().Should().Be("query_timeout");

        var next = await server.Client.GetAsync("/segments/fib/users");
        next.StatusCode.Should().Be(HttpStatusCode.OK);
        (await server.Client.GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_csv_query_past_the_time_limit_is_a_503_problem_too()
    {
        engine.Slow = true;
        var request = new HttpRequestMessage(HttpMethod.Get, "/segments/fib/users");
        request.Headers.Accept.ParseAdd("text/csv");
        var slow = await server.Client.SendAsync(request);
        engine.Slow = false;

        slow.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await SegmentsServer.ReadJsonAsync(slow)).GetProperty("code").GetString().Should().Be("query_timeout");
    }

    [Fact]
    public async Task An_engine_failure_is_a_500_problem_that_leaks_nothing()
    {
        engine.Failure = new InvalidOperationException("secret: Data Source=/srv/private.duckdb");

        var response = await server.Client.GetAsync("/segments/fib/users");

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var text = await response.Content.ReadAsStringAsync();
        text.Should().NotContain("secret").And.NotContain("private").And.NotContain(" at ");
        (await server.Client.GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Saved_segments_are_listed_and_returned_by_id()
    {
        var list = await SegmentsServer.ReadJsonAsync(await server.Client.GetAsync("/segments"));
        list.EnumerateArray().Select(s => s.GetProperty("id").GetString()).Should().Equal("fib", "uses-fib");

        var one = await SegmentsServer.ReadJsonAsync(await server.Client.GetAsync("/segments/fib"));
        one.GetProperty("description").GetString().Should().Be("some users");
        one.GetProperty("where").GetProperty("op").GetString().Should().Be("gt");
    }

    [Theory]
    [InlineData("GET", "/segments/nope")]
    [InlineData("DELETE", "/segments/nope")]
    [InlineData("GET", "/segments/nope/users")]
    public async Task An_unknown_saved_segment_is_a_404_problem(string method, string path)
    {
        var response = await server.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await SegmentsServer.ReadJsonAsync(response)).GetProperty("code").GetString().Should().Be("segment_not_found");
    }

    [Fact]
    public async Task Deleting_a_segment_another_refers_to_is_a_409_and_keeps_it()
    {
        var response = await server.Client.DeleteAsync("/segments/fib");

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var problem = await SegmentsServer.ReadJsonAsync(response);
        problem.GetProperty("code").GetString().Should().Be("segment_in_use");
        problem.GetProperty("referencedBy").EnumerateArray().Select(e => e.GetString()).Should().Equal("uses-fib");
        (await server.Client.GetAsync("/segments/fib")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Deleting_an_unreferenced_segment_removes_it()
    {
        (await server.Client.DeleteAsync("/segments/uses-fib")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await server.Client.GetAsync("/segments/uses-fib")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await server.Client.DeleteAsync("/segments/fib")).StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Theory]
    [InlineData("GET", "/segments/Upper")]
    [InlineData("DELETE", "/segments/-dash-first")]
    [InlineData("PUT", "/segments/has.dot")]
    [InlineData("PUT", "/segments/schema")]
    [InlineData("GET", "/segments/this-id-is-far-too-long-to-be-a-segment-id-because-it-has-more-than-64/users")]
    public async Task A_malformed_or_reserved_id_is_a_400_problem(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "PUT")
        {
            request.Content = new StringContent("""{ "where": { "type": "event" } }""", System.Text.Encoding.UTF8, "application/json");
        }

        var response = await server.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await SegmentsServer.ErrorsAsync(response)).Single().Pointer.Should().Be("/id");
    }

    [Fact]
    public async Task The_store_lives_beside_the_database()
    {
        File.Exists(database.Path + ".segments.json").Should().BeTrue();
        server.Services.GetRequiredService<SavedSegmentStore>().FilePath.Should().Be(database.Path + ".segments.json");
        await Task.CompletedTask;
    }
}
