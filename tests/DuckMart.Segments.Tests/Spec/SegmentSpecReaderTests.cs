using System.Text;
using System.Text.Json;
using DuckMart.Segments.Spec;

namespace DuckMart.Segments.Tests.Spec;

/// <summary>Specs that are right read into the model the translator expects.</summary>
public sealed class SegmentSpecReaderTests
{
    /// <summary>Every example of CONTRACT.md section 3, as written there.</summary>
    public static TheoryData<string> ContractConditions => new()
    {
        """{ "type": "and", "of": [ { "type": "event" } ] }""",
        """{ "type": "or", "of": [ { "type": "event" }, { "type": "segment", "id": "power-users" } ] }""",
        """{ "type": "not", "of": { "type": "event" } }""",
        """{ "type": "attribute", "field": "location", "op": "eq", "value": "California" }""",
        """{ "type": "attribute", "field": "deviceType", "op": "in", "value": ["iOS", "Android"], "ignoreCase": true }""",
        """{ "type": "attribute", "field": "signupDate", "op": "inLast", "value": "P30D" }""",
        """{ "type": "event", "name": "LOGIN" }""",
        """{ "type": "event", "name": "PURCHASE_MADE", "count": { "op": "gte", "value": 3 }, "window": { "last": "P30D" } }""",
        """{ "type": "event", "name": "LOGIN", "count": { "op": "eq", "value": 0 }, "window": { "last": "P14D" } }""",
        """{ "type": "event", "name": "LOGIN", "distinctDays": { "op": "gte", "value": 5 }, "window": { "last": "P30D" } }""",
        """{ "type": "event", "name": "PURCHASE_MADE", "first": { "op": "after", "value": "-P7D" } }""",
        """{ "type": "event", "name": "LOGIN", "last": { "op": "before", "value": "-P30D" } }""",
        """
        { "type": "sequence", "window": { "last": "P30D" },
          "steps": [ { "name": "VIEW_PRODUCT" },
                     { "name": "ADDED_TO_CART", "within": "PT1H" },
                     { "name": "PURCHASE_MADE", "absent": true, "within": "P1D" } ] }
        """,
        """{ "type": "segment", "id": "power-users" }""",
    };

    /// <summary>What the contract's tables promise beyond its examples: each operator, each time form.</summary>
    public static TheoryData<string> Capabilities => new()
    {
        """{ "type": "attribute", "field": "age", "op": "neq", "value": 30 }""",
        """{ "type": "attribute", "field": "gender", "op": "notIn", "value": ["F", "M"] }""",
        """{ "type": "attribute", "field": "age", "op": "gt", "value": 17 }""",
        """{ "type": "attribute", "field": "signupDate", "op": "lte", "value": "2025-01-31" }""",
        """{ "type": "attribute", "field": "signupDate", "op": "between", "value": ["-P8W", "-P1D"] }""",
        """{ "type": "attribute", "field": "signupDate", "op": "between", "value": ["2025-01-01", "-P1D"] }""",
        """{ "type": "attribute", "field": "name", "op": "contains", "value": "ann", "ignoreCase": true }""",
        """{ "type": "attribute", "field": "location", "op": "startsWith", "value": "New" }""",
        """{ "type": "attribute", "field": "subscriptionPlan", "op": "endsWith", "value": "Pro" }""",
        """{ "type": "attribute", "field": "subscriptionPlan", "op": "isNull" }""",
        """{ "type": "attribute", "field": "age", "op": "isNotNull", "ignoreCase": false }""",
        """{ "type": "attribute", "field": "signupDate", "op": "inLast", "value": "P2W" }""",
        """{ "type": "event", "count": { "op": "between", "value": [2, 2] }, "window": { "from": "2025-01-01", "to": "2025-02-01" } }""",
        """{ "type": "event", "name": "LOGIN", "first": { "op": "between", "value": ["2025-06-01T00:00:00Z", "2025-07-01T00:00:00+02:00"] } }""",
        """{ "type": "event", "name": "LOGIN", "last": { "op": "between", "value": ["2025-06-01", "-PT12H"] } }""",
        """{ "type": "event", "window": { "from": "-P7D" } }""",
        """{ "type": "event", "window": { "to": "2025-06-01T12:30:00Z" } }""",
        """{ "type": "event", "window": { "last": "P1DT12H30M15.5S" } }""",
        """{ "type": "sequence", "steps": [ { "name": "LOGIN" } ] }""",
    };

    [Theory]
    [MemberData(nameof(ContractConditions))]
    [MemberData(nameof(Capabilities))]
    public void Every_documented_condition_is_read(string json)
    {
        var saved = new InMemorySavedSegments().Add("power-users", new EventCondition("LOGIN"));

        var condition = SegmentSpecReader.ReadCondition(Encoding.UTF8.GetBytes(json), saved);

        SpecReading.Request($$"""{ "where": {{json}} }""", saved).Where.GetType().Should().Be(condition.GetType());
    }

    [Theory]
    [MemberData(nameof(ContractConditions))]
    [MemberData(nameof(Capabilities))]
    public void Every_documented_condition_writes_back_and_reads_back_the_same(string json)
    {
        var saved = new InMemorySavedSegments().Add("power-users", new EventCondition("LOGIN"));
        var written = JsonSerializer.Serialize(SegmentSpecReader.ReadCondition(Encoding.UTF8.GetBytes(json), saved), SegmentJson.Options);

        var again = SegmentSpecReader.ReadCondition(Encoding.UTF8.GetBytes(written), saved);

        JsonSerializer.Serialize(again, SegmentJson.Options).Should().Be(written);
    }

    [Fact]
    public void The_first_brief_example_reads_as_an_age_band()
    {
        var request = SpecReading.Request("""{ "where": { "type": "attribute", "field": "age", "op": "between", "value": [25, 34] } }""");

        var where = request.Where.Should().BeOfType<AttributeCondition>().Subject;
        where.Field.Should().Be("age");
        where.Op.Should().Be("between");
        where.Value!.Value.EnumerateArray().Select(v => v.GetInt64()).Should().Equal(25, 34);
        where.IgnoreCase.Should().BeFalse();
        request.Should().BeEquivalentTo(new { AsOf = (DateTimeOffset?)null, Timezone = (string?)null, Limit = (int?)null, Cursor = (string?)null, CountOnly = false, Explain = false });
    }

    [Fact]
    public void The_second_brief_example_reads_as_californians_who_logged_in()
    {
        var request = SpecReading.Request("""
            { "where": { "type": "and", "of": [
                { "type": "attribute", "field": "location", "op": "eq", "value": "California" },
                { "type": "event", "name": "LOGIN" } ] } }
            """);

        var and = request.Where.Should().BeOfType<AndCondition>().Subject;
        and.Of.Should().HaveCount(2);
        var location = and.Of[0].Should().BeOfType<AttributeCondition>().Subject;
        (location.Field, location.Op, location.Value!.Value.GetString()).Should().Be(("location", "eq", "California"));
        and.Of[1].Should().Be(new EventCondition("LOGIN"));
    }

    [Fact]
    public void The_envelope_reads_every_member()
    {
        var request = SpecReading.Request("""
            { "where": { "type": "event" }, "asOf": "2025-12-31T00:00:00Z", "timezone": "America/New_York",
              "limit": 1000, "cursor": "abc", "countOnly": true, "explain": true }
            """);

        request.AsOf.Should().Be(new DateTimeOffset(2025, 12, 31, 0, 0, 0, TimeSpan.Zero));
        (request.Timezone, request.Limit, request.Cursor, request.CountOnly, request.Explain).Should().Be(("America/New_York", 1000, "abc", true, true));
    }

    [Theory]
    [InlineData("2025-12-31T00:00:00Z", "2025-12-31T00:00:00+00:00")]
    [InlineData("2025-12-31T00:00Z", "2025-12-31T00:00:00+00:00")]
    [InlineData("2025-12-31T05:30:00.1234567+05:30", "2025-12-31T00:00:00.1234567+00:00")]
    [InlineData("2025-12-30T19:00:00-05:00", "2025-12-31T00:00:00+00:00")]
    public void AsOf_reads_any_ISO_8601_instant_with_a_zone(string asOf, string utc)
    {
        var request = SpecReading.Request($$"""{"where": {"type": "event"}, "asOf": "{{asOf}}"}""");

        request.AsOf!.Value.ToUniversalTime().Should().Be(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("2025-12-31 00:00:00Z")]
    [InlineData("2025-12-31T00:00:00")]
    [InlineData("31/12/2025 00:00:00 +00:00")]
    [InlineData("2025-12-31T24:00:00Z")]
    [InlineData("1899-12-31T23:59:59Z")]
    public void AsOf_refuses_anything_else(string asOf)
    {
        SpecReading.RequestErrors($$"""{"where": {"type": "event"}, "asOf": "{{asOf}}"}""").Pairs()
            .Should().Equal(("/asOf", Validation.ErrorCodes.InvalidAsOf));
    }

    [Fact]
    public void The_contract_request_example_with_a_null_cursor_is_read()
    {
        var request = SpecReading.Request("""
            { "where": { "type": "attribute", "field": "age", "op": "between", "value": [25, 34] },
              "asOf": "2025-12-31T00:00:00Z", "timezone": "UTC", "limit": 1000, "cursor": null, "countOnly": false, "explain": false }
            """);

        request.Cursor.Should().BeNull();
        request.Limit.Should().Be(1000);
    }

    [Fact]
    public void Type_may_come_anywhere_in_the_object()
    {
        var condition = SegmentSpecReader.ReadCondition("""
            { "of": [ { "name": "LOGIN", "window": { "last": "P7D" }, "type": "event" },
                      { "op": "isNull", "field": "age", "type": "attribute" } ], "type": "or" }
            """u8, NoSavedSegments.Instance);

        var or = condition.Should().BeOfType<OrCondition>().Subject;
        or.Of[0].Should().Be(new EventCondition("LOGIN", new EventWindow(IsoDuration.Parse("P7D"))));
        or.Of[1].Should().BeOfType<AttributeCondition>().Which.Op.Should().Be("isNull");
    }

    [Fact]
    public void Event_and_step_names_are_normalised_as_ingest_does()
    {
        var condition = SegmentSpecReader.ReadCondition("""
            { "type": "and", "of": [
              { "type": "event", "name": " added to cart" },
              { "type": "sequence", "steps": [ { "name": "view - product" }, { "name": "Purchase made", "within": "P1D" } ] } ] }
            """u8, NoSavedSegments.Instance);

        var and = (AndCondition)condition;
        ((EventCondition)and.Of[0]).Name.Should().Be("ADDED_TO_CART");
        ((SequenceCondition)and.Of[1]).Steps.Select(s => s.Name).Should().Equal("VIEW_PRODUCT", "PURCHASE_MADE");
    }

    [Fact]
    public void Time_points_and_durations_read_into_their_forms()
    {
        var condition = (EventCondition)SegmentSpecReader.ReadCondition("""
            { "type": "event", "window": { "from": "2025-06-01", "to": "-PT12H" },
              "last": { "op": "between", "value": ["2025-06-01T12:00:00+02:00", "-P1W"] } }
            """u8, NoSavedSegments.Instance);

        condition.Window.Should().Be(new EventWindow(null, new TimePoint.Date(new DateOnly(2025, 6, 1)), new TimePoint.Relative(new IsoDuration(0, 0, 12, 0, 0))));
        condition.Last!.Range.Should().Be(((TimePoint)new TimePoint.Instant(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.FromHours(2))), (TimePoint)new TimePoint.Relative(new IsoDuration(1, 0, 0, 0, 0))));
    }

    [Fact]
    public void A_byte_order_mark_is_allowed()
    {
        var body = Encoding.UTF8.GetPreamble().Concat("""{"where": {"type": "event"}}"""u8.ToArray()).ToArray();

        SegmentSpecReader.ReadRequest(body, NoSavedSegments.Instance).Where.Should().Be(new EventCondition());
    }

    [Fact]
    public void A_model_written_with_SegmentJson_options_reads_back_the_same()
    {
        const string json = """
            { "where": { "type": "and", "of": [
                { "type": "attribute", "field": "deviceType", "op": "in", "value": ["iOS", "Android"], "ignoreCase": true },
                { "type": "not", "of": { "type": "attribute", "field": "age", "op": "isNull" } },
                { "type": "event", "name": "PURCHASE_MADE", "count": { "op": "between", "value": [1, 3] }, "window": { "from": "2025-01-01", "to": "-PT12H" } },
                { "type": "event", "name": "LOGIN", "first": { "op": "after", "value": "2025-06-01T12:00:00Z" }, "window": { "last": "P1DT2H" } },
                { "type": "sequence", "window": { "last": "P30D" }, "steps": [ { "name": "VIEW_PRODUCT" }, { "name": "PURCHASE_MADE", "absent": true, "within": "P1D" } ] },
                { "type": "segment", "id": "power-users" } ] },
              "asOf": "2025-12-31T00:00:00+01:00", "timezone": "Europe/Paris", "limit": 10, "cursor": "c", "countOnly": true, "explain": true }
            """;
        var saved = new InMemorySavedSegments().Add("power-users", new EventCondition("LOGIN"));
        var first = SpecReading.Request(json, saved);

        var written = JsonSerializer.Serialize(first, SegmentJson.Options);
        var second = SpecReading.Request(written, saved);

        JsonSerializer.Serialize(second, SegmentJson.Options).Should().Be(written);
        second.AsOf.Should().Be(first.AsOf);
        JsonDocument.Parse(written).RootElement.GetProperty("where").GetProperty("of")[0].GetProperty("type").GetString().Should().Be("attribute");
    }
}
