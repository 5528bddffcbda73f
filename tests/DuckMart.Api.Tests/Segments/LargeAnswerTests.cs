using System.Net;
using System.Text.Json;
using DuckMart.Api.Tests.Segments.Fixtures;

namespace DuckMart.Api.Tests.Segments;

/// <summary>
/// Answers far larger than one write or one batch, through the real engine: the streamed JSON and CSV carry every
/// ID once, <c>count</c> is the whole segment on every page, and cursors walk the segment without gap or repeat.
/// </summary>
public sealed class LargeAnswerTests : IAsyncLifetime
{
    private const int Users = 300_000;
    private const string AgeBand = """{ "type": "attribute", "field": "age", "op": "between", "value": [25, 34] }""";
    private static readonly long[] Expected = SegmentsDatabase.LargeAged(Users, 25, 34);
    private readonly SegmentsDatabase database = SegmentsDatabase.Large(Users);
    private SegmentsServer server = null!;

    public async Task InitializeAsync() => server = await SegmentsServer.StartAsync(database.Path);

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        database.Dispose();
    }

    private static string Body(string extra = "") => $$"""{ "where": {{AgeBand}}, "asOf": "{{SegmentsDatabase.AsOf}}"{{extra}} }""";

    [Fact]
    public async Task A_big_json_answer_has_every_id_and_a_count_equal_to_them()
    {
        Expected.Length.Should().BeGreaterThan(30_000);

        var response = await server.PostJsonAsync("/segments", Body());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await SegmentsServer.ReadJsonAsync(response);
        var ids = SegmentsServer.UserIds(body);
        ids.Should().Equal(Expected);
        body.GetProperty("count").GetInt64().Should().Be(ids.Length);
        body.GetProperty("nextCursor").ValueKind.Should().Be(JsonValueKind.Null);
        body.GetProperty("asOf").GetString().Should().Be(SegmentsDatabase.AsOf);
    }

    [Fact]
    public async Task A_big_csv_answer_has_every_id()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/segments") { Content = new StringContent(Body(), System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("text/csv");

        var response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        lines[0].Should().Be("user_id");
        lines.Skip(1).Select(long.Parse).Should().Equal(Expected);
    }

    [Theory]
    [InlineData(7_000)]
    [InlineData(4_096)]
    public async Task Paging_with_the_cursor_gives_every_id_exactly_once_and_the_whole_count_on_every_page(int limit)
    {
        var seen = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var extra = $", \"limit\": {limit}" + (cursor is null ? "" : $", \"cursor\": \"{cursor}\"");
            var body = await SegmentsServer.ReadJsonAsync(await server.PostJsonAsync("/segments", Body(extra)));
            body.GetProperty("count").GetInt64().Should().Be(Expected.Length);
            var ids = SegmentsServer.UserIds(body);
            ids.Length.Should().BeLessThanOrEqualTo(limit);
            seen.AddRange(ids);
            cursor = body.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 100);

        pages.Should().Be((Expected.Length + limit - 1) / limit);
        seen.Should().Equal(Expected);
    }

    [Fact]
    public async Task A_page_after_the_last_id_is_empty_and_still_counts_the_whole_segment()
    {
        var cursor = Api.Segments.UserIdCursor.Encode(Expected[^1]);

        var body = await SegmentsServer.ReadJsonAsync(await server.PostJsonAsync("/segments", Body($", \"limit\": 10, \"cursor\": \"{cursor}\"")));

        body.GetProperty("count").GetInt64().Should().Be(Expected.Length);
        SegmentsServer.UserIds(body).Should().BeEmpty();
        body.GetProperty("nextCursor").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task A_cursor_without_a_limit_gives_the_rest_and_the_whole_count()
    {
        var cursor = Api.Segments.UserIdCursor.Encode(Expected[1000]);

        var body = await SegmentsServer.ReadJsonAsync(await server.PostJsonAsync("/segments", Body($", \"cursor\": \"{cursor}\"")));

        body.GetProperty("count").GetInt64().Should().Be(Expected.Length);
        SegmentsServer.UserIds(body).Should().Equal(Expected[1001..]);
        body.GetProperty("nextCursor").ValueKind.Should().Be(JsonValueKind.Null);
    }
}
