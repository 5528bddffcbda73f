using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using DuckMart.Data;
using LinqToDB.Data;

namespace DuckMart.Api.Tests.OData;

/// <summary>
/// Following every <c>@odata.nextLink</c> gives exactly the engine's users (<c>POST /segments</c>), in order, none twice,
/// none missing: on the keyset pages (<see cref="DuckMart.Api.OData.ContinuationPages"/>), with <c>$expand=events</c>,
/// and on the fallbacks (<c>$orderby</c> other than <c>userId</c>, <c>$skip</c>). The data has gaps between user IDs
/// (IDs 3, 6, 9, …), so a page range that counted IDs instead of reading them would show.
/// </summary>
public class ODataNextLinkWalkTests(ODataNextLinkWalkTests.Server server) : IClassFixture<ODataNextLinkWalkTests.Server>
{
    public static TheoryData<string, string, string, int> Segments => new()
    {
        // 150 users do LOGIN (every fourth): exactly three pages of 50, so the last page has no next link.
        { "event, exact multiple of the page size", """{ "type": "event", "name": "LOGIN" }""", "events/any(e: e/eventName eq 'LOGIN')", 50 },
        { "event count", """{ "type": "event", "name": "PURCHASE_MADE", "count": { "op": "gte", "value": 2 } }""", "events/$count($filter=eventName eq 'PURCHASE_MADE') ge 2", 7 },
        { "no events at all", """{ "type": "not", "of": { "type": "event" } }""", "not events/any()", 9 },
        { "attribute band", """{ "type": "attribute", "field": "age", "op": "between", "value": [25, 34] }""", "age ge 25 and age le 34", 11 },
        { "attribute in", """{ "type": "attribute", "field": "location", "op": "in", "value": ["Texas", "Ohio"] }""", "location in ('Texas','Ohio')", 13 },
        {
            "or / not mix",
            """{ "type": "and", "of": [ { "type": "or", "of": [ { "type": "attribute", "field": "location", "op": "eq", "value": "Texas" }, { "type": "event", "name": "PURCHASE_MADE" } ] }, { "type": "not", "of": { "type": "event", "name": "LOGIN" } } ] }""",
            "(location eq 'Texas' or events/any(e: e/eventName eq 'PURCHASE_MADE')) and not events/any(e: e/eventName eq 'LOGIN')",
            17
        },
        // 100 users (IDs 3..300): four pages of 25.
        { "key range, exact multiple of the page size", """{ "type": "attribute", "field": "userId", "op": "lte", "value": 300 }""", "userId le 300", 25 },
        { "empty segment", """{ "type": "attribute", "field": "age", "op": "gt", "value": 100 }""", "age gt 100", 10 },
        { "page of one", """{ "type": "attribute", "field": "location", "op": "eq", "value": "Ohio" }""", "location eq 'Ohio'", 1 },
    };

    [Theory]
    [MemberData(nameof(Segments))]
    public async Task Every_next_link_together_gives_the_engines_users_in_order(string name, string where, string filter, int pageSize)
    {
        var expected = await server.PostSegmentAsync(where);
        var pages = await server.WalkAsync("/odata/Users?$select=userId&$count=true&$filter=" + Uri.EscapeDataString(filter), pageSize);

        var ids = pages.SelectMany(p => p.Ids).ToList();
        ids.Should().Equal(expected, "{0}: the pages together are the segment", name);
        ids.Should().OnlyHaveUniqueItems();
        pages.Should().OnlyContain(p => p.Count == expected.Count, "every page answers the whole count");
        pages.SkipLast(1).Where(p => p.Ids.Count != pageSize).Should().BeEmpty("every page but the last is full");
        pages.Should().HaveCount(Math.Max(1, (expected.Count + pageSize - 1) / pageSize), "no page is empty but the only one");
    }

    [Fact]
    public void The_exact_multiple_cases_are_exact_multiples()
    {
        // Guards the two cases above against a change to the data: they must stay exact multiples.
        server.Count("SELECT count(DISTINCT user_id) FROM events WHERE event_name = 'LOGIN'").Should().Be(150);
        server.Count("SELECT count(*) FROM users WHERE user_id <= 300").Should().Be(100);
    }

    [Fact]
    public async Task A_top_smaller_than_the_segment_stops_at_top()
    {
        var expected = await server.PostSegmentAsync("""{ "type": "event" }""");
        var pages = await server.WalkAsync("/odata/Users?$select=userId&$top=60&$filter=" + Uri.EscapeDataString("events/any()"), 25);

        pages.SelectMany(p => p.Ids).Should().Equal(expected.Take(60));
        pages.Select(p => p.Ids.Count).Should().Equal(25, 25, 10);
    }

    [Fact]
    public async Task Expanded_events_page_by_users_and_carry_each_users_own_events()
    {
        // A page larger than an expanded user's own page of events (100 and one read): the old page reader took that
        // inner Take for the page's, and cut every page after 101 users without a next link.
        var expected = await server.PostSegmentAsync("""{ "type": "event" }""");
        expected.Count.Should().BeGreaterThan(300, "more than two pages of 150");
        var pages = await server.WalkAsync("/odata/Users?$select=userId&$expand=events($select=eventName,timestamp)&$filter=" + Uri.EscapeDataString("events/any()"), 150);

        pages.SelectMany(p => p.Ids).Should().Equal(expected);
        pages.SkipLast(1).Should().OnlyContain(p => p.Ids.Count == 150);
        var events = pages.SelectMany(p => p.Body.GetProperty("value").EnumerateArray())
            .ToDictionary(u => u.GetProperty("userId").GetInt64(), u => u.GetProperty("events").EnumerateArray()
                .Select(e => e.GetProperty("eventName").GetString() + "@" + e.GetProperty("timestamp").GetString()).Order(StringComparer.Ordinal).ToList());
        var stored = server.Events();
        events.Keys.Should().Equal(expected);
        foreach (var (userId, own) in events)
        {
            own.Should().Equal(stored[userId], "user {0}'s expanded events are that user's events", userId);
        }
    }

    [Theory]
    [InlineData("age desc")]
    [InlineData("location,age desc")]
    public async Task Another_order_falls_back_and_pages_the_whole_segment_in_that_order(string orderBy)
    {
        var expected = await server.PostSegmentAsync("""{ "type": "event", "name": "PURCHASE_MADE" }""");
        server.Commands.Clear();
        var pages = await server.WalkAsync(
            "/odata/Users?$select=userId,age,location&$orderby=" + Uri.EscapeDataString(orderBy) + "&$filter=" + Uri.EscapeDataString("events/any(e: e/eventName eq 'PURCHASE_MADE')"), 20);

        var rows = pages.SelectMany(p => p.Body.GetProperty("value").EnumerateArray()).Select(Row).ToList();
        rows.Select(r => r.UserId).Should().BeEquivalentTo(expected).And.OnlyHaveUniqueItems();
        var ordered = orderBy == "age desc"
            ? rows.OrderByDescending(r => r.Age ?? int.MinValue).ThenBy(r => r.UserId)
            : rows.OrderBy(r => r.Location, StringComparer.Ordinal).ThenByDescending(r => r.Age ?? int.MinValue).ThenBy(r => r.UserId);
        rows.Should().Equal(ordered, "OData orders by {0}, then by the key", orderBy);
        server.Commands.Should().NotContain(c => c.Sql.Contains("$Through", StringComparison.Ordinal), "only pages ordered by userId are keyset pages");
    }

    [Fact]
    public async Task Skip_falls_back_on_its_own_page_and_its_next_links_continue_by_key()
    {
        var expected = await server.PostSegmentAsync("""{ "type": "event" }""");
        server.Commands.Clear();
        var (status, first) = await server.GetJsonAsync("/odata/Users?$select=userId&$skip=37&$filter=" + Uri.EscapeDataString("events/any()"), "100");
        status.Should().Be(200);
        server.Commands.Should().NotContain(c => c.Sql.Contains("$Through", StringComparison.Ordinal), "a $skip page is not a keyset page");
        var next = first.GetProperty("@odata.nextLink").GetString()!;
        next.Should().NotContain("$skip=", "the library's next link continues after the last key, the skip done");

        var pages = await server.WalkAsync(next, 100);
        var ids = first.GetProperty("value").EnumerateArray().Select(u => u.GetProperty("userId").GetInt64()).Concat(pages.SelectMany(p => p.Ids));
        ids.Should().Equal(expected.Skip(37));
    }

    private static (long UserId, int? Age, string? Location) Row(JsonElement u) =>
        (u.GetProperty("userId").GetInt64(),
         u.GetProperty("age").ValueKind == JsonValueKind.Null ? null : u.GetProperty("age").GetInt32(),
         u.GetProperty("location").GetString());

    public sealed record Page(List<long> Ids, long? Count, JsonElement Body);

    /// <summary>
    /// 600 users with IDs 3, 6, …, 1800; user i (ID 3i) has i % 5 events, a LOGIN among them when i is a multiple of 4;
    /// ages, some NULL, and a few locations, some NULL.
    /// </summary>
    public sealed class Server : ODataServer
    {
        public const string AsOf = "2026-06-01T00:00:00Z";

        private const string Data = """
            INSERT INTO users (user_id, name, age, location)
            SELECT 3 * i, 'user ' || i,
                   CASE WHEN i % 11 = 0 THEN NULL ELSE 18 + (i * 7) % 50 END,
                   CASE i % 6 WHEN 0 THEN NULL WHEN 1 THEN 'Texas' WHEN 2 THEN 'Ohio' WHEN 3 THEN 'California' ELSE 'Utah' END
            FROM range(1, 601) t(i);
            INSERT INTO events
            SELECT 3 * i,
                   CASE WHEN j = 0 AND i % 4 = 0 THEN 'LOGIN' WHEN (i + j) % 3 = 0 THEN 'PURCHASE_MADE' ELSE 'VIEW_PRODUCT' END,
                   TIMESTAMP '2025-01-01' + to_minutes(i * 10 + j)
            FROM range(1, 601) t(i), range(0, 5) s(j)
            WHERE j < i % 5 OR (j = 0 AND i % 4 = 0);
            """;

        protected override TestDatabase CreateDatabase() => TestDatabase.Create(db => db.Execute(Data));

        public long Count(string sql)
        {
            using var db = new DuckMartDb($"Data Source={Database.Path};ACCESS_MODE=READ_ONLY");
            return db.Execute<long>(sql);
        }

        /// <summary>Each user's events as <c>NAME@timestamp</c> (OData's form), sorted, read with plain SQL.</summary>
        public Dictionary<long, List<string>> Events()
        {
            using var db = new DuckMartDb($"Data Source={Database.Path};ACCESS_MODE=READ_ONLY");
            return db.Query<EventText>(
                    "SELECT user_id AS UserId, event_name || '@' || strftime(\"timestamp\", '%Y-%m-%dT%H:%M:%SZ') AS Text FROM events")
                .GroupBy(e => e.UserId)
                .ToDictionary(g => g.Key, g => g.Select(e => e.Text).Order(StringComparer.Ordinal).ToList());
        }

        public sealed class EventText
        {
            public long UserId { get; set; }

            public string Text { get; set; } = "";
        }

        public async Task<List<long>> PostSegmentAsync(string where)
        {
            var request = $$"""{ "where": {{where}}, "asOf": "{{AsOf}}" }""";
            using var response = await Client.PostAsync("/segments", new StringContent(request, Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            response.StatusCode.Should().Be(HttpStatusCode.OK, "POST /segments {0} answered {1}", request, text);
            return [.. JsonDocument.Parse(text).RootElement.GetProperty("userIds").EnumerateArray().Select(e => e.GetInt64())];
        }

        public async Task<List<Page>> WalkAsync(string url, int pageSize)
        {
            var pages = new List<Page>();
            string? next = url;
            while (next is not null)
            {
                pages.Count.Should().BeLessThan(1000, "the next links must end");
                var (status, body) = await GetJsonAsync(next, pageSize.ToString(CultureInfo.InvariantCulture));
                status.Should().Be(200, "GET {0} answered {1}", next, body);
                var ids = body.GetProperty("value").EnumerateArray().Select(u => u.GetProperty("userId").GetInt64()).ToList();
                pages.Add(new Page(ids, body.TryGetProperty("@odata.count", out var count) ? count.GetInt64() : null, body));
                next = body.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
            }

            return pages;
        }
    }
}
