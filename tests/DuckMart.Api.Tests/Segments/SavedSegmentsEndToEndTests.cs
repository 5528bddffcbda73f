using System.Net;
using System.Text.Json;
using DuckMart.Api.Tests.Segments.Fixtures;

namespace DuckMart.Api.Tests.Segments;

/// <summary>
/// PUT/GET/DELETE /segments/{id} and GET /segments/{id}/users with the real spec reader and translator.
/// These need the spec and engine branches (PUT reads the definition with SegmentSpecReader).
/// </summary>
public sealed class SavedSegmentsEndToEndTests : IAsyncLifetime
{
    private const string AgeBand = """{ "type": "attribute", "field": "age", "op": "between", "value": [25, 34] }""";

    private readonly SegmentsDatabase database = SegmentsDatabase.Brief();
    private SegmentsServer server = null!;

    public async Task InitializeAsync() => server = await SegmentsServer.StartAsync(database.Path);

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        database.Dispose();
    }

    private static string Definition(string where, string description = "") => $$"""{ "where": {{where}}, "description": "{{description}}" }""";

    [Fact]
    public async Task A_saved_segment_is_created_returned_listed_replaced_and_deleted()
    {
        var created = await server.PutJsonAsync("/segments/young-adults", Definition(AgeBand, "25 to 34"));
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        created.Headers.Location!.ToString().Should().Be("/segments/young-adults");

        var got = await SegmentsServer.ReadJsonAsync(await server.Client.GetAsync("/segments/young-adults"));
        got.GetProperty("id").GetString().Should().Be("young-adults");
        got.GetProperty("description").GetString().Should().Be("25 to 34");
        JsonElement.DeepEquals(got.GetProperty("where"), JsonDocument.Parse(AgeBand).RootElement).Should().BeTrue();

        var list = await SegmentsServer.ReadJsonAsync(await server.Client.GetAsync("/segments"));
        list.EnumerateArray().Select(s => s.GetProperty("id").GetString()).Should().Equal("young-adults");

        var replaced = await server.PutJsonAsync("/segments/young-adults", Definition(AgeBand, "again"));
        replaced.StatusCode.Should().Be(HttpStatusCode.OK);

        (await server.Client.DeleteAsync("/segments/young-adults")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await server.Client.GetAsync("/segments/young-adults")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Evaluating_a_saved_segment_answers_as_post_does()
    {
        await server.PutJsonAsync("/segments/young-adults", Definition(AgeBand));

        var saved = await SegmentsServer.ReadJsonAsync(await server.Client.GetAsync($"/segments/young-adults/users?asOf={SegmentsDatabase.AsOf}&timezone=UTC"));
        var posted = await SegmentsServer.ReadJsonAsync(await server.PostJsonAsync("/segments", $$"""{ "where": {{AgeBand}}, "asOf": "{{SegmentsDatabase.AsOf}}" }"""));

        SegmentsServer.UserIds(saved).Should().Equal(SegmentsDatabase.AgeBand).And.Equal(SegmentsServer.UserIds(posted));
        saved.GetProperty("count").GetInt64().Should().Be(posted.GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task Saved_segment_users_page_with_limit_and_cursor()
    {
        await server.PutJsonAsync("/segments/young-adults", Definition(AgeBand));

        var first = await SegmentsServer.ReadJsonAsync(await server.Client.GetAsync("/segments/young-adults/users?limit=5"));
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await SegmentsServer.ReadJsonAsync(await server.Client.GetAsync($"/segments/young-adults/users?limit=5&cursor={cursor}"));

        SegmentsServer.UserIds(first).Concat(SegmentsServer.UserIds(second)).Should().Equal(SegmentsDatabase.AgeBand);
        second.GetProperty("nextCursor").ValueKind.Should().Be(JsonValueKind.Null);
        var countOnly = await SegmentsServer.ReadJsonAsync(await server.Client.GetAsync("/segments/young-adults/users?countOnly=true"));
        countOnly.GetProperty("count").GetInt64().Should().Be(SegmentsDatabase.AgeBand.Length);
    }

    [Fact]
    public async Task A_segment_condition_uses_the_saved_definition()
    {
        await server.PutJsonAsync("/segments/young-adults", Definition(AgeBand));
        var where = """{ "type": "and", "of": [ { "type": "segment", "id": "young-adults" }, { "type": "attribute", "field": "location", "op": "eq", "value": "California" } ] }""";

        var body = await SegmentsServer.ReadJsonAsync(await server.PostJsonAsync("/segments", $$"""{ "where": {{where}}, "asOf": "{{SegmentsDatabase.AsOf}}" }"""));

        SegmentsServer.UserIds(body).Should().Equal(1, 2, 8, 10);
    }

    [Fact]
    public async Task Saved_segments_outlive_a_restart_of_the_server()
    {
        await server.PutJsonAsync("/segments/young-adults", Definition(AgeBand, "kept"));
        await server.DisposeAsync();

        server = await SegmentsServer.StartAsync(database.Path);

        var got = await SegmentsServer.ReadJsonAsync(await server.Client.GetAsync("/segments/young-adults"));
        got.GetProperty("description").GetString().Should().Be("kept");
        var users = await SegmentsServer.ReadJsonAsync(await server.Client.GetAsync($"/segments/young-adults/users?asOf={SegmentsDatabase.AsOf}"));
        SegmentsServer.UserIds(users).Should().Equal(SegmentsDatabase.AgeBand);
    }

    [Fact]
    public async Task Saved_segments_outlive_a_reload_of_the_data_and_evaluate_on_the_new_data()
    {
        await server.PutJsonAsync("/segments/young-adults", Definition(AgeBand));
        var before = await SegmentsServer.ReadJsonAsync(await server.Client.GetAsync("/segments/young-adults/users"));
        SegmentsServer.UserIds(before).Should().Equal(SegmentsDatabase.AgeBand);

        database.PublishReloaded();

        (await server.Client.GetAsync("/segments/young-adults")).StatusCode.Should().Be(HttpStatusCode.OK);
        // A server may notice a published database a moment later (a file watcher); it must within seconds.
        long[] after = [];
        for (var attempt = 0; attempt < 50 && !after.SequenceEqual(SegmentsDatabase.ReloadedAgeBand); attempt++)
        {
            await Task.Delay(attempt == 0 ? 0 : 100);
            after = SegmentsServer.UserIds(await SegmentsServer.ReadJsonAsync(await server.Client.GetAsync("/segments/young-adults/users")));
        }

        after.Should().Equal(SegmentsDatabase.ReloadedAgeBand);
    }

    [Fact]
    public async Task Referring_to_an_unknown_segment_is_a_400_and_saves_nothing()
    {
        var response = await server.PutJsonAsync("/segments/broken", Definition("""{ "type": "segment", "id": "nobody" }"""));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await SegmentsServer.ErrorsAsync(response)).Select(e => e.Pointer).Should().Contain("/where/id");
        (await server.Client.GetAsync("/segments/broken")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_definition_that_closes_a_cycle_is_a_400()
    {
        (await server.PutJsonAsync("/segments/a", Definition(AgeBand))).StatusCode.Should().Be(HttpStatusCode.Created);
        (await server.PutJsonAsync("/segments/b", Definition("""{ "type": "segment", "id": "a" }"""))).StatusCode.Should().Be(HttpStatusCode.Created);

        var cycle = await server.PutJsonAsync("/segments/a", Definition("""{ "type": "not", "of": { "type": "segment", "id": "b" } }"""));
        var self = await server.PutJsonAsync("/segments/c", Definition("""{ "type": "segment", "id": "c" }"""));

        cycle.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await SegmentsServer.ErrorsAsync(cycle)).Should().Contain(e => e.Pointer.StartsWith("/where", StringComparison.Ordinal));
        self.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var a = await SegmentsServer.ReadJsonAsync(await server.Client.GetAsync("/segments/a"));
        a.GetProperty("where").GetProperty("type").GetString().Should().Be("attribute");
    }

    [Fact]
    public async Task Deleting_a_segment_another_refers_to_is_a_409()
    {
        await server.PutJsonAsync("/segments/a", Definition(AgeBand));
        await server.PutJsonAsync("/segments/b", Definition("""{ "type": "segment", "id": "a" }"""));

        var response = await server.Client.DeleteAsync("/segments/a");

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await server.Client.DeleteAsync("/segments/b")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await server.Client.DeleteAsync("/segments/a")).StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Theory]
    [InlineData("""{ "description": "no where" }""", "/where")]
    [InlineData("""{ "where": { "type": "attribute", "field": "age", "op": "eq", "value": "x" } }""", "/where/value")]
    public async Task An_invalid_definition_is_a_400_pointing_into_the_body(string body, string pointer)
    {
        var response = await server.PutJsonAsync("/segments/bad", body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await SegmentsServer.ErrorsAsync(response)).Select(e => e.Pointer).Should().Contain(pointer);
    }
}
