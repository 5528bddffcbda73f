using System.Diagnostics;
using System.Text;
using DuckMart.Segments.Spec;
using DuckMart.Segments.Validation;

namespace DuckMart.Segments.Tests.Spec;

/// <summary>Hostile or oversized bodies: each gets a clean error, quickly, and never takes the process down.</summary>
public sealed class SpecLimitTests
{
    [Theory]
    [InlineData(10_000)]
    [InlineData(100_000)]
    public void A_spec_nested_far_too_deep_is_refused_quickly(int depth)
    {
        var json = new StringBuilder("{\"where\": ");
        for (var i = 0; i < depth; i++)
        {
            json.Append("{\"type\": \"and\", \"of\": [");
        }

        json.Append("{\"type\": \"event\"}").Insert(json.Length, "]}", depth).Append('}');
        var clock = Stopwatch.StartNew();

        var errors = SpecReading.RequestErrors(json.ToString(), limits: SpecLimits.Default with { MaxBodyBytes = 10_000_000 });

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1));
        errors.Pairs().Should().Equal(("", ErrorCodes.TooDeep));
    }

    [Fact]
    public void Nesting_one_past_the_limit_is_pointed_at_exactly()
    {
        var json = new StringBuilder("{\"where\": ");
        for (var i = 0; i < 32; i++)
        {
            json.Append("{\"type\": \"not\", \"of\": ");
        }

        json.Append("{\"type\": \"event\"}").Append('}', 33);

        var errors = SpecReading.RequestErrors(json.ToString());

        errors.Pairs().Should().Equal(("/where" + string.Concat(Enumerable.Repeat("/of", 32)), ErrorCodes.TooDeep));
    }

    [Fact]
    public void Nesting_at_the_limit_is_read()
    {
        var json = new StringBuilder("{\"where\": ");
        for (var i = 0; i < 31; i++)
        {
            json.Append("{\"type\": \"and\", \"of\": [");
        }

        json.Append("{\"type\": \"event\", \"count\": {\"op\": \"between\", \"value\": [1, 2]}}").Insert(json.Length, "]}", 31).Append('}');

        SpecReading.Request(json.ToString()).Where.Should().BeOfType<AndCondition>();
    }

    [Fact]
    public void Six_hundred_nodes_are_too_many_and_said_once()
    {
        var children = string.Join(",", Enumerable.Repeat("""{"type": "attribute", "field": "age", "op": "gt", "value": 1}""", 599));

        var errors = SpecReading.RequestErrors($$$"""{"where": {"type": "or", "of": [{{{children}}}]}}""");

        // The root is node 1, so child 499 is node 501.
        errors.Pairs().Should().Equal(("/where/of/499", ErrorCodes.TooManyNodes));
    }

    [Fact]
    public void Five_hundred_nodes_are_fine()
    {
        var children = string.Join(",", Enumerable.Repeat("""{"type": "attribute", "field": "age", "op": "gt", "value": 1}""", 499));

        SpecReading.Request($$$"""{"where": {"type": "or", "of": [{{{children}}}]}}""").Where.Should().BeOfType<OrCondition>().Which.Of.Should().HaveCount(499);
    }

    [Fact]
    public void Sequence_steps_count_as_nodes()
    {
        var steps = string.Join(",", Enumerable.Repeat("""{"name": "LOGIN"}""", 500));

        var errors = SpecReading.RequestErrors($$$"""{"where": {"type": "sequence", "steps": [{{{steps}}}]}}""");

        errors.Pairs().Should().Equal(("/where/steps/100", ErrorCodes.TooManyEventConditions), ("/where/steps/499", ErrorCodes.TooManyNodes));
    }

    [Fact]
    public void More_than_a_hundred_event_conditions_are_too_many_and_said_once()
    {
        // Each event condition is its own subquery: hundreds cost seconds to translate and plan, past any time limit.
        var children = string.Join(",", Enumerable.Range(0, 150).Select(i => $$"""{"type": "event", "name": "E{{i}}"}"""));

        var errors = SpecReading.RequestErrors($$$"""{"where": {"type": "or", "of": [{{{children}}}]}}""");

        errors.Pairs().Should().Equal(("/where/of/100", ErrorCodes.TooManyEventConditions));
    }

    [Fact]
    public void A_hundred_event_conditions_and_steps_together_are_fine()
    {
        var events = Enumerable.Range(0, 90).Select(i => $$"""{"type": "event", "name": "E{{i}}"}""");
        var steps = string.Join(",", Enumerable.Range(0, 10).Select(i => $$"""{"name": "S{{i}}"}"""));
        var children = string.Join(",", events.Append($$$"""{"type": "sequence", "steps": [{{{steps}}}]}"""));

        SpecReading.Request($$$"""{"where": {"type": "or", "of": [{{{children}}}]}}""").Where.Should().BeOfType<OrCondition>().Which.Of.Should().HaveCount(91);
    }

    [Fact]
    public void Sequence_steps_count_as_event_conditions()
    {
        var events = Enumerable.Range(0, 95).Select(i => $$"""{"type": "event", "name": "E{{i}}"}""");
        var steps = string.Join(",", Enumerable.Range(0, 10).Select(i => $$"""{"name": "S{{i}}"}"""));
        var children = string.Join(",", events.Append($$$"""{"type": "sequence", "steps": [{{{steps}}}]}"""));

        var errors = SpecReading.RequestErrors($$$"""{"where": {"type": "or", "of": [{{{children}}}]}}""");

        errors.Pairs().Should().Equal(("/where/of/95/steps/5", ErrorCodes.TooManyEventConditions));
    }

    [Fact]
    public void An_in_list_of_ten_thousand_is_read_and_one_more_is_refused()
    {
        static string Body(int n) => $$$"""{"where": {"type": "attribute", "field": "userId", "op": "in", "value": [{{{string.Join(",", Enumerable.Range(1, n))}}}]}}""";

        SpecReading.Request(Body(10_000)).Where.Should().BeOfType<AttributeCondition>().Which.Value!.Value.GetArrayLength().Should().Be(10_000);
        SpecReading.RequestErrors(Body(10_001)).Pairs().Should().Equal(("/where/value", ErrorCodes.ListTooLong));
    }

    [Fact]
    public void A_long_string_is_refused()
    {
        var errors = SpecReading.RequestErrors($$$"""{"where": {"type": "attribute", "field": "location", "op": "eq", "value": "{{{new string('x', 1001)}}}"}}""");

        errors.Pairs().Should().Equal(("/where/value", ErrorCodes.StringTooLong));
    }

    [Fact]
    public void A_body_over_the_limit_is_refused_before_it_is_parsed()
    {
        var errors = SpecReading.RequestErrors("""{"where": {"type": "event", "name": "LOGIN"}}""", limits: SpecLimits.Default with { MaxBodyBytes = 20 });

        errors.Pairs().Should().Equal(("", ErrorCodes.BodyTooLarge));
    }

    [Fact]
    public void Invalid_utf8_is_invalid_json()
    {
        byte[] body = [.. """{"where": {"type": "event", "name": "LOG"""u8, 0xFF, 0xFE, .. "\"}}"u8];

        var errors = SpecReading.Errors(() => SegmentSpecReader.ReadRequest(body, NoSavedSegments.Instance));

        errors.Pairs().Should().Equal(("", ErrorCodes.InvalidJson));
    }

    [Fact]
    public void Past_the_error_limit_the_list_ends_with_too_many_errors()
    {
        var children = string.Join(",", Enumerable.Repeat("""{"type": "attribute", "field": "age", "op": "eq", "value": "x"}""", 150));

        var errors = SpecReading.RequestErrors($$$"""{"where": {"type": "and", "of": [{{{children}}}]}}""");

        errors.Should().HaveCount(101);
        errors[^1].Code.Should().Be(ErrorCodes.TooManyErrors);
    }
}
