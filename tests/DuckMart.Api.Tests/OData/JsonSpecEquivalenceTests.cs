using System.Net;
using System.Text;
using System.Text.Json;
using LinqToDB.Data;

namespace DuckMart.Api.Tests.OData;

/// <summary>
/// CONTRACT.md, OData: "The same segment written as a JSON spec and as a $filter gives the same users".
/// Each case is one segment written both ways, as docs/odata.md ("Segment conditions as $filter") says; both go
/// through the real app: POST /segments without a limit, and /odata/Users following every @odata.nextLink.
/// <para>
/// Time: the JSON side has a fixed <see cref="AsOf"/>; OData has no asOf, so every event test in a $filter carries an
/// explicit <c>timestamp lt AsOf</c> bound (the docs' way). The data has events exactly at and after asOf, so a
/// forgotten bound shows up as a difference (<see cref="The_data_has_events_the_json_side_must_not_see"/>).
/// </para>
/// </summary>
public class JsonSpecEquivalenceTests(JsonSpecEquivalenceTests.Server server) : IClassFixture<JsonSpecEquivalenceTests.Server>
{
    public const string AsOf = "2025-12-31T00:00:00Z";

    /// <summary>Every event test in a $filter: before asOf.</summary>
    private const string T = "timestamp lt 2025-12-31T00:00:00Z";

    private const int AllUsers = 20;

    /// <summary>(name, JSON where, $filter). Each answer must be neither empty nor every user.</summary>
    public static TheoryData<string, string, string> Cases => new()
    {
        // The two examples from the brief
        { "brief: age between", """{ "type": "attribute", "field": "age", "op": "between", "value": [25, 34] }""", "age ge 25 and age le 34" },
        {
            "brief: California and LOGIN",
            """{ "type": "and", "of": [ { "type": "attribute", "field": "location", "op": "eq", "value": "California" }, { "type": "event", "name": "LOGIN" } ] }""",
            $"location eq 'California' and events/any(e: e/eventName eq 'LOGIN' and e/{T})"
        },

        // Attributes: eq/neq/in/notIn, NULLs, numbers
        { "location eq", Attr("location", "eq", "\"Texas\""), "location eq 'Texas'" },
        { "location eq ignoreCase", Attr("location", "eq", "\"CALIFORNIA\"", ignoreCase: true), "tolower(location) eq 'california'" },
        { "location neq (NULL matches)", Attr("location", "neq", "\"California\""), "location ne 'California'" },
        { "age neq (NULL matches)", Attr("age", "neq", "33"), "age ne 33" },
        { "location in", Attr("location", "in", """["Texas", "New York"]"""), "location in ('Texas','New York')" },
        { "location notIn (NULL matches)", Attr("location", "notIn", """["Texas", "New York"]"""), "not (location in ('Texas','New York'))" },
        { "deviceType in ignoreCase", Attr("deviceType", "in", """["iOS", "ANDROID"]""", ignoreCase: true), "tolower(deviceType) in ('ios','android')" },
        { "deviceType notIn ignoreCase", Attr("deviceType", "notIn", """["IOS", "web"]""", ignoreCase: true), "not (tolower(deviceType) in ('ios','web'))" },
        // More than 8 values: the engine's one-parameter list (ValueList), OData's inline IN
        { "age in, long list", Attr("age", "in", "[19, 22, 24, 25, 26, 27, 28, 29, 30, 61]"), "age in (19,22,24,25,26,27,28,29,30,61)" },
        { "age notIn, long list", Attr("age", "notIn", "[19, 22, 24, 25, 26, 27, 28, 29, 30, 61]"), "not (age in (19,22,24,25,26,27,28,29,30,61))" },
        {
            "location in ignoreCase, long list",
            Attr("location", "in", """["TEXAS", "new york", "Oregon", "Utah", "Ohio", "Iowa", "Maine", "Idaho", "Alaska"]""", ignoreCase: true),
            "tolower(location) in ('texas','new york','oregon','utah','ohio','iowa','maine','idaho','alaska')"
        },
        {
            "location notIn ignoreCase, long list",
            Attr("location", "notIn", """["TEXAS", "new york", "Oregon", "Utah", "Ohio", "Iowa", "Maine", "Idaho", "Alaska"]""", ignoreCase: true),
            "not (tolower(location) in ('texas','new york','oregon','utah','ohio','iowa','maine','idaho','alaska'))"
        },
        { "age gt", Attr("age", "gt", "33"), "age gt 33" },
        { "not age gt (NULL matches)", Not(Attr("age", "gt", "30")), "not (age gt 30)" },
        { "name eq with a quote", Attr("name", "eq", "\"Finn O'Brien\""), "name eq 'Finn O''Brien'" },

        // Strings
        { "name contains", Attr("name", "contains", "\"n\""), "contains(name,'n')" },
        { "name contains ignoreCase", Attr("name", "contains", "\"AN\"", ignoreCase: true), "contains(tolower(name),'an')" },
        { "not name contains (NULL matches)", Not(Attr("name", "contains", "\"n\"")), "not contains(name,'n')" },
        { "name startsWith", Attr("name", "startsWith", "\"A\""), "startswith(name,'A')" },
        { "name startsWith ignoreCase", Attr("name", "startsWith", "\"a\"", ignoreCase: true), "startswith(tolower(name),'a')" },
        { "name endsWith", Attr("name", "endsWith", "\"n\""), "endswith(name,'n')" },
        { "name endsWith ignoreCase", Attr("name", "endsWith", "\"A\"", ignoreCase: true), "endswith(tolower(name),'a')" },
        { "contains _ is literal", Attr("name", "contains", "\"_\""), "contains(name,'_')" },
        { "contains % is literal", Attr("name", "contains", "\"%\""), "contains(name,'%')" },
        { "contains non-ASCII ignoreCase", Attr("name", "contains", "\"Ë\"", ignoreCase: true), "contains(tolower(name),'ë')" },

        // isNull / isNotNull
        { "gender isNull", Attr("gender", "isNull"), "gender eq null" },
        { "subscriptionPlan isNotNull", Attr("subscriptionPlan", "isNotNull"), "subscriptionPlan ne null" },
        { "not age isNull", Not(Attr("age", "isNull")), "not (age eq null)" },

        // signupDate
        { "signupDate gte", Attr("signupDate", "gte", "\"2024-06-15\""), "signupDate ge 2024-06-15" },
        { "signupDate lt", Attr("signupDate", "lt", "\"2024-01-01\""), "signupDate lt 2024-01-01" },
        { "signupDate between", Attr("signupDate", "between", """["2024-03-12", "2024-10-19"]"""), "signupDate ge 2024-03-12 and signupDate le 2024-10-19" },
        { "not signupDate gte (NULL matches)", Not(Attr("signupDate", "gte", "\"2024-06-15\"")), "not (signupDate ge 2024-06-15)" },
        { "signupDate eq", Attr("signupDate", "eq", "\"2023-12-31\""), "signupDate eq 2023-12-31" },
        { "signupDate neq (NULL matches)", Attr("signupDate", "neq", "\"2023-12-31\""), "signupDate ne 2023-12-31" },
        { "signupDate inLast P30D", Attr("signupDate", "inLast", "\"P30D\""), "signupDate gt 2025-12-01 and signupDate le 2025-12-31" },
        { "signupDate relative -P365D", Attr("signupDate", "gte", "\"-P365D\""), "signupDate ge 2024-12-31" },

        // Events: did it, never did it, any event
        { "event at least once", Ev("LOGIN"), $"events/any(e: e/eventName eq 'LOGIN' and e/{T})" },
        { "event name normalised", Ev("added to cart"), $"events/any(e: e/eventName eq 'ADDED_TO_CART' and e/{T})" },
        { "event never (not)", Not(Ev("PURCHASE_MADE")), $"not events/any(e: e/eventName eq 'PURCHASE_MADE' and e/{T})" },
        { "event never (count eq 0)", Ev("PURCHASE_MADE", count: """{ "op": "eq", "value": 0 }"""), $"events/$count($filter=eventName eq 'PURCHASE_MADE' and {T}) eq 0" },
        { "any event", """{ "type": "event" }""", $"events/any(e: e/{T})" },
        { "no event at all", Not("""{ "type": "event" }"""), $"not events/any(e: e/{T})" },

        // Counts
        { "count gte 3", Ev("LOGIN", count: """{ "op": "gte", "value": 3 }"""), $"events/$count($filter=eventName eq 'LOGIN' and {T}) ge 3" },
        { "count lt 2 (no events matches)", Ev("LOGIN", count: """{ "op": "lt", "value": 2 }"""), $"events/$count($filter=eventName eq 'LOGIN' and {T}) lt 2" },
        { "count neq 1", Ev("LOGIN", count: """{ "op": "neq", "value": 1 }"""), $"events/$count($filter=eventName eq 'LOGIN' and {T}) ne 1" },
        {
            "count between",
            Ev("LOGIN", count: """{ "op": "between", "value": [2, 3] }"""),
            $"events/$count($filter=eventName eq 'LOGIN' and {T}) ge 2 and events/$count($filter=eventName eq 'LOGIN' and {T}) le 3"
        },
        {
            "count gte 2 in a fixed window",
            Ev("PURCHASE_MADE", count: """{ "op": "gte", "value": 2 }""", window: """{ "from": "2025-06-01T00:00:00Z", "to": "2025-07-01T00:00:00Z" }"""),
            "events/$count($filter=eventName eq 'PURCHASE_MADE' and timestamp ge 2025-06-01T00:00:00Z and timestamp lt 2025-07-01T00:00:00Z) ge 2"
        },
        {
            "did it in a fixed window (date bounds)",
            Ev("ADDED_TO_CART", window: """{ "from": "2025-06-01", "to": "2025-06-02" }"""),
            "events/any(e: e/eventName eq 'ADDED_TO_CART' and e/timestamp ge 2025-06-01T00:00:00Z and e/timestamp lt 2025-06-02T00:00:00Z)"
        },
        {
            "count eq 0 in a fixed window",
            Ev("LOGIN", count: """{ "op": "eq", "value": 0 }""", window: """{ "from": "2025-06-01T00:00:00Z", "to": "2025-07-01T00:00:00Z" }"""),
            "events/$count($filter=eventName eq 'LOGIN' and timestamp ge 2025-06-01T00:00:00Z and timestamp lt 2025-07-01T00:00:00Z) eq 0"
        },
        {
            "count in the last 30 days",
            Ev("LOGIN", count: """{ "op": "gte", "value": 1 }""", window: """{ "last": "P30D" }"""),
            $"events/$count($filter=eventName eq 'LOGIN' and timestamp ge 2025-12-01T00:00:00Z and {T}) ge 1"
        },
        {
            "window open at the start",
            Ev("LOGIN", window: """{ "to": "2025-06-16T00:00:00Z" }"""),
            "events/any(e: e/eventName eq 'LOGIN' and e/timestamp lt 2025-06-16T00:00:00Z)"
        },

        // first / last
        {
            "first after",
            Ev("LOGIN", measure: """ "first": { "op": "after", "value": "2025-06-01T00:00:00Z" } """),
            $"events/any(e: e/eventName eq 'LOGIN' and e/{T}) and not events/any(e: e/eventName eq 'LOGIN' and e/{T} and e/timestamp lt 2025-06-01T00:00:00Z)"
        },
        {
            "last before",
            Ev("LOGIN", measure: """ "last": { "op": "before", "value": "2025-09-01T00:00:00Z" } """),
            $"events/any(e: e/eventName eq 'LOGIN' and e/{T}) and not events/any(e: e/eventName eq 'LOGIN' and e/{T} and e/timestamp ge 2025-09-01T00:00:00Z)"
        },

        // and / or / not mixes
        {
            "or of and/not",
            """
            { "type": "or", "of": [
                { "type": "and", "of": [
                    { "type": "attribute", "field": "location", "op": "in", "value": ["california"], "ignoreCase": true },
                    { "type": "not", "of": { "type": "event", "name": "LOGIN" } } ] },
                { "type": "attribute", "field": "age", "op": "gte", "value": 60 } ] }
            """,
            $"(tolower(location) in ('california') and not events/any(e: e/eventName eq 'LOGIN' and e/{T})) or age ge 60"
        },
        {
            "not of or, with NULL attributes",
            """
            { "type": "and", "of": [
                { "type": "not", "of": { "type": "or", "of": [
                    { "type": "attribute", "field": "gender", "op": "eq", "value": "F" },
                    { "type": "attribute", "field": "subscriptionPlan", "op": "eq", "value": "premium" } ] } },
                { "type": "event" } ] }
            """,
            $"not (gender eq 'F' or subscriptionPlan eq 'premium') and events/any(e: e/{T})"
        },
        {
            "not of and",
            """
            { "type": "not", "of": { "type": "and", "of": [
                { "type": "attribute", "field": "age", "op": "lt", "value": 35 },
                { "type": "attribute", "field": "location", "op": "neq", "value": "Texas" } ] } }
            """,
            "not (age lt 35 and location ne 'Texas')"
        },
        {
            "double not",
            Not(Not(Attr("location", "contains", "\"o\""))),
            "not (not contains(location,'o'))"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Json_spec_and_filter_give_the_same_users(string name, string where, string filter)
    {
        var fromJson = await server.PostSegmentAsync(where);
        var fromOData = await server.ODataUserIdsAsync(filter);

        fromOData.Should().BeInAscendingOrder("{0}: OData pages come in key order", name);
        fromOData.Should().OnlyHaveUniqueItems("{0}: OData pages must not repeat a user", name);
        fromOData.Should().Equal(fromJson, "{0}: `{1}` must select the users of {2}", name, filter, where);
        fromJson.Should().NotBeEmpty("{0} must select someone, or the comparison proves nothing", name);
        fromJson.Should().HaveCountLessThan(AllUsers, "{0} must leave someone out, or the comparison proves nothing", name);
    }

    /// <summary>
    /// (name, JSON where, $filter) evaluated in America/Los_Angeles (UTC-7 in June): a date bound in the spec is
    /// midnight there, written on the OData side as an instant with that offset.
    /// </summary>
    public static TheoryData<string, string, string> ZonedCases => new()
    {
        {
            "count in a window of local dates",
            Ev("PURCHASE_MADE", count: """{ "op": "gte", "value": 3 }""", window: """{ "from": "2025-06-01", "to": "2025-07-01" }"""),
            "events/$count($filter=eventName eq 'PURCHASE_MADE' and timestamp ge 2025-06-01T00:00:00-07:00 and timestamp lt 2025-07-01T00:00:00-07:00) ge 3"
        },
        {
            "count before a local date",
            Ev("ADDED_TO_CART", count: """{ "op": "gte", "value": 2 }""", window: """{ "to": "2025-06-02" }"""),
            "events/$count($filter=eventName eq 'ADDED_TO_CART' and timestamp lt 2025-06-02T00:00:00-07:00) ge 2"
        },
    };

    [Theory]
    [MemberData(nameof(ZonedCases))]
    public async Task Json_spec_in_a_time_zone_and_filter_with_offsets_give_the_same_users(string name, string where, string filter)
    {
        var fromJson = await server.PostSegmentAsync(where, "America/Los_Angeles");
        var inUtc = await server.PostSegmentAsync(where);
        var fromOData = await server.ODataUserIdsAsync(filter);

        fromOData.Should().Equal(fromJson, "{0}: `{1}` must select the users of {2}", name, filter, where);
        fromJson.Should().NotBeEmpty().And.HaveCountLessThan(AllUsers);
        inUtc.Should().NotEqual(fromJson, "{0}: the zone must matter, or the offsets prove nothing", name);
    }

    [Fact]
    public async Task The_table_covers_many_distinct_answers()
    {
        // Guards against a fixture so coarse that most cases collapse to the same few sets.
        var answers = new HashSet<string>();
        foreach (var row in Cases)
        {
            answers.Add(string.Join(",", await server.PostSegmentAsync((string)row[1])));
        }

        answers.Should().HaveCountGreaterThanOrEqualTo(30);
    }

    [Fact]
    public async Task The_data_has_events_the_json_side_must_not_see()
    {
        // Without the asOf bound the OData answer grows: the bound in each $filter above is not decoration.
        var bounded = await server.ODataUserIdsAsync($"events/any(e: e/eventName eq 'LOGIN' and e/{T})");
        var unbounded = await server.ODataUserIdsAsync("events/any(e: e/eventName eq 'LOGIN')");

        unbounded.Except(bounded).Should().NotBeEmpty();
        (await server.PostSegmentAsync(Ev("LOGIN"))).Should().Equal(bounded);
    }

    [Fact]
    public async Task Paging_is_exercised()
    {
        // 20 users in the server's pages of 1000 would never follow a next link, so this class asks for pages of 3.
        var (status, body) = await server.GetJsonAsync("/odata/Users?$select=userId", Server.MaxPageSize);

        status.Should().Be(200);
        body.GetProperty("value").GetArrayLength().Should().Be(3);
        body.TryGetProperty("@odata.nextLink", out _).Should().BeTrue();
        (await server.ODataUserIdsAsync("userId ge 0")).Should().HaveCount(AllUsers);
    }

    private static string Attr(string field, string op, string? value = null, bool ignoreCase = false)
    {
        var text = new StringBuilder($$"""{ "type": "attribute", "field": "{{field}}", "op": "{{op}}" """);
        if (value is not null)
        {
            text.Append($$""", "value": {{value}}""");
        }

        if (ignoreCase)
        {
            text.Append(""", "ignoreCase": true""");
        }

        return text.Append(" }").ToString();
    }

    private static string Not(string condition) => $$"""{ "type": "not", "of": {{condition}} }""";

    private static string Ev(string name, string? count = null, string? window = null, string? measure = null)
    {
        var text = new StringBuilder($$"""{ "type": "event", "name": "{{name}}" """);
        if (count is not null)
        {
            text.Append($$""", "count": {{count}}""");
        }

        if (measure is not null)
        {
            text.Append(", ").Append(measure);
        }

        if (window is not null)
        {
            text.Append($$""", "window": {{window}}""");
        }

        return text.Append(" }").ToString();
    }

    /// <summary>
    /// The app over its own 20 users, built so that each case above splits them: NULLs in every attribute, mixed case,
    /// <c>_</c> and <c>%</c> in names, a NULL name, events exactly at and after asOf and on the edges of the June
    /// window. OData is read in pages of 3 users (Prefer odata.maxpagesize), so every answer of 4 or more follows next links.
    /// </summary>
    public sealed class Server : ODataServer
    {
        public const string MaxPageSize = "3";

        /// <summary>The userIds matching <paramref name="filter"/>, in pages of 3 (Prefer), following each next link.</summary>
        public async Task<List<long>> ODataUserIdsAsync(string filter)
        {
            var ids = new List<long>();
            string? url = "/odata/Users?$select=userId&$filter=" + Uri.EscapeDataString(filter);
            while (url is not null)
            {
                var (status, body) = await GetJsonAsync(url, MaxPageSize);
                status.Should().Be(200, "GET {0} answered {1}", url, body);
                ids.AddRange(body.GetProperty("value").EnumerateArray().Select(u => u.GetProperty("userId").GetInt64()));
                url = body.TryGetProperty("@odata.nextLink", out var next) ? next.GetString() : null;
            }

            return ids;
        }

        public async Task<List<long>> PostSegmentAsync(string where, string timezone = "UTC")
        {
            var request = $$"""{ "where": {{where}}, "asOf": "{{AsOf}}", "timezone": "{{timezone}}" }""";
            using var response = await Client.PostAsync("/segments", new StringContent(request, Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            response.StatusCode.Should().Be(HttpStatusCode.OK, "POST /segments {0} answered {1}", request, text);
            var body = JsonDocument.Parse(text).RootElement;
            body.GetProperty("nextCursor").ValueKind.Should().Be(JsonValueKind.Null, "no limit: every id in one answer");
            var ids = body.GetProperty("userIds").EnumerateArray().Select(e => e.GetInt64()).ToList();
            body.GetProperty("count").GetInt64().Should().Be(ids.Count);
            return ids;
        }

        protected override TestDatabase CreateDatabase() => TestDatabase.Create(db => db.Execute(Data));

        private const string Data = """
            INSERT INTO users VALUES
                (1, 'Ann', 25, 'F', 'California', DATE '2024-01-10', 'premium', 'iOS'),
                (2, 'Bob', 34, 'M', 'California', DATE '2024-02-11', 'free', 'Android'),
                (3, 'Cid', 24, 'M', 'California', DATE '2024-03-12', 'basic', 'Web'),
                (4, 'Dee', 35, 'F', 'Texas', DATE '2024-04-13', 'free', 'iOS'),
                (5, 'Eve', 30, 'F', 'Texas', DATE '2024-05-14', 'premium', 'android'),
                (6, 'Fay', NULL, 'F', 'California', DATE '2024-06-15', 'basic', 'IOS'),
                (7, 'Gil', 29, 'M', NULL, DATE '2024-07-16', 'free', 'Web'),
                (8, 'Hal', 31, 'M', 'california', DATE '2024-08-17', 'premium', 'Android'),
                (9, 'Ivy', 26, 'F', 'New York', DATE '2024-09-18', 'basic', 'iOS'),
                (10, 'Jon', 33, 'M', 'California', DATE '2024-10-19', 'free', 'Web'),
                (11, 'Kim', 40, 'F', 'California', DATE '2024-11-20', 'premium', 'iOS'),
                (12, 'Lou', 28, 'M', 'Texas', NULL, NULL, NULL),
                (13, 'max_power', 45, NULL, 'new york', DATE '2023-05-05', 'free', 'Android'),
                (14, 'Ana Maria', 52, 'F', 'Oregon', DATE '2025-12-30', 'basic', NULL),
                (15, 'ANNA', 19, 'F', 'Texas', DATE '2025-12-31', 'premium', 'iOS'),
                (16, 'Zoë', 38, 'F', 'Nevada', DATE '2022-02-02', 'free', 'Web'),
                (17, 'Finn O''Brien', 27, 'M', 'Oregon', DATE '2023-12-31', 'basic', 'Android'),
                (18, '100% Pat', 61, NULL, NULL, DATE '2021-01-01', NULL, 'iOS'),
                (19, NULL, 33, 'M', 'California', DATE '2025-06-30', 'free', 'Android'),
                (20, 'Quinn', 22, 'F', 'New York', DATE '2025-01-01', 'premium', 'Web');
            INSERT INTO events VALUES
                (1, 'LOGIN', TIMESTAMP '2025-06-01 08:00:00'),
                (1, 'PURCHASE_MADE', TIMESTAMP '2025-06-01 08:30:00'),
                (1, 'LOGIN', TIMESTAMP '2025-06-15 10:00:00'),
                (1, 'LOGIN', TIMESTAMP '2025-11-01 10:00:00'),
                (2, 'VIEW_PRODUCT', TIMESTAMP '2025-02-02 12:00:00'),
                (3, 'LOGIN', TIMESTAMP '2025-12-30 23:59:59'),
                (4, 'LOGIN', TIMESTAMP '2025-03-01 12:00:00'),
                (6, 'LOGIN', TIMESTAMP '2025-01-01 00:00:00'),
                (6, 'LOGIN', TIMESTAMP '2025-01-02 00:00:00'),
                (6, 'LOGIN', TIMESTAMP '2025-06-10 00:00:00'),
                (7, 'LOGIN', TIMESTAMP '2025-08-08 08:08:08'),
                (8, 'PURCHASE_MADE', TIMESTAMP '2025-05-05 10:00:00'),
                (8, 'PURCHASE_MADE', TIMESTAMP '2025-06-05 10:00:00'),
                (8, 'PURCHASE_MADE', TIMESTAMP '2025-06-30 23:59:59'),
                (8, 'PURCHASE_MADE', TIMESTAMP '2025-07-01 00:00:00'),
                (9, 'ADDED_TO_CART', TIMESTAMP '2025-10-10 10:10:10'),
                (10, 'LOGIN', TIMESTAMP '2026-01-05 09:00:00'),
                (11, 'LOGIN', TIMESTAMP '2025-04-04 00:00:00'),
                (11, 'LOGIN', TIMESTAMP '2025-04-05 00:00:00'),
                (11, 'LOGIN', TIMESTAMP '2025-12-31 00:00:00'),
                (12, 'ADDED_TO_CART', TIMESTAMP '2025-06-01 00:00:00'),
                (12, 'ADDED_TO_CART', TIMESTAMP '2025-06-02 00:00:00'),
                (13, 'LOGIN', TIMESTAMP '2025-09-01 09:00:00'),
                (13, 'LOGIN', TIMESTAMP '2025-09-02 09:00:00'),
                (13, 'LOGIN', TIMESTAMP '2025-09-03 09:00:00'),
                (13, 'PURCHASE_MADE', TIMESTAMP '2025-09-03 09:30:00'),
                (14, 'PURCHASE_MADE', TIMESTAMP '2026-02-01 00:00:00'),
                (14, 'LOGIN', TIMESTAMP '2025-12-31 00:00:00'),
                (15, 'LOGIN', TIMESTAMP '2025-12-30 12:00:00'),
                (16, 'VIEW_PRODUCT', TIMESTAMP '2024-12-31 23:59:59'),
                (17, 'LOGIN', TIMESTAMP '2025-06-20 00:00:00'),
                (17, 'LOGIN', TIMESTAMP '2025-06-21 00:00:00'),
                (17, 'LOGIN', TIMESTAMP '2025-06-22 00:00:00'),
                (17, 'LOGIN', TIMESTAMP '2026-01-01 00:00:00'),
                (19, 'PURCHASE_MADE', TIMESTAMP '2025-06-15 00:00:00'),
                (19, 'LOGIN', TIMESTAMP '2025-06-16 00:00:00'),
                (20, 'LOGIN', TIMESTAMP '2026-01-01 00:00:00');
            """;
    }
}
