using System.Text.Json;
using DuckMart.Api.Tests.Segments.Fixtures;

namespace DuckMart.Api.Tests.Dataset;

/// <summary>
/// CONTRACT.md section 2, "warnings": a valid segment naming what the loaded data does not have still answers 200,
/// and says so, with a did-you-mean; a window outside the data's time says so too (issue 16).
/// </summary>
public sealed class SegmentWarningsTests : IAsyncLifetime
{
    private readonly SegmentsDatabase database = SegmentsDatabase.Brief();
    private SegmentsServer server = null!;

    public async Task InitializeAsync() => server = await SegmentsServer.StartAsync(database.Path);

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        database.Dispose();
    }

    [Fact]
    public async Task A_misspelled_event_name_answers_200_with_the_contract_warning()
    {
        var body = await PostAsync("""{ "type": "event", "name": "LOGN" }""");

        body.GetProperty("count").GetInt64().Should().Be(0);
        Warnings(body).Should().Equal(("/where/name", "unknown_event_name", "no event is named 'LOGN'; did you mean 'LOGIN'?"));
    }

    [Fact]
    public async Task Event_names_are_compared_as_ingestion_normalises_them()
    {
        var body = await PostAsync("""{ "type": "event", "name": "purchase made" }""");

        body.GetProperty("count").GetInt64().Should().Be(2);
        body.TryGetProperty("warnings", out _).Should().BeFalse("the field is absent when there is nothing to warn about");
    }

    [Fact]
    public async Task Pointers_lead_into_nested_conditions_and_sequence_steps()
    {
        var body = await PostAsync("""
            { "type": "and", "of": [
                { "type": "attribute", "field": "age", "op": "gt", "value": 1 },
                { "type": "not", "of": { "type": "event", "name": "PURCHASE_MAD" } },
                { "type": "sequence", "steps": [ { "name": "LOGIN" }, { "name": "CHECKOUT_DONE" } ] } ] }
            """);

        Warnings(body).Select(w => (w.Pointer, w.Code)).Should().Equal(
            ("/where/of/1/of/name", "unknown_event_name"),
            ("/where/of/2/steps/1/name", "unknown_event_name"));
        Warnings(body)[0].Message.Should().EndWith("did you mean 'PURCHASE_MADE'?");
        Warnings(body)[1].Message.Should().StartWith("no event is named 'CHECKOUT_DONE'; the loaded events are named LOGIN, PURCHASE_MADE");
    }

    [Fact]
    public async Task An_unknown_attribute_value_in_eq_or_in_is_unknown_value_with_a_suggestion()
    {
        var body = await PostAsync("""
            { "type": "or", "of": [
                { "type": "attribute", "field": "location", "op": "eq", "value": "Californa" },
                { "type": "attribute", "field": "deviceType", "op": "in", "value": ["iOS", "android"] },
                { "type": "attribute", "field": "deviceType", "op": "in", "value": ["android"], "ignoreCase": true },
                { "type": "attribute", "field": "location", "op": "neq", "value": "Atlantis" } ] }
            """);

        Warnings(body).Should().Equal(
            ("/where/of/0/value", "unknown_value", "no user has location 'Californa'; did you mean 'California'?"),
            ("/where/of/1/value/1", "unknown_value", "no user has deviceType 'android'; did you mean 'Android'?"));
    }

    [Fact]
    public async Task A_window_after_the_last_event_warns_and_suggests_an_asOf_inside_the_data()
    {
        var body = await PostAsync("""{ "type": "event", "name": "LOGIN", "window": { "last": "P7D" } }""", asOf: "2027-01-01T00:00:00Z");

        body.GetProperty("count").GetInt64().Should().Be(0);
        Warnings(body).Should().Equal((
            "/where/window",
            "window_outside_data",
            "no loaded event lies in this window (from 2026-12-25T00:00:00Z to 2027-01-01T00:00:00Z): the events run from "
            + "2025-01-01T00:00:00Z to 2026-01-05T09:00:00Z; to see them, send an asOf inside that range, such as \"asOf\": \"2026-01-06T00:00:00Z\""));
    }

    [Fact]
    public async Task A_window_that_overlaps_the_data_or_an_asOf_before_every_event_is_told_apart()
    {
        (await PostAsync("""{ "type": "event", "window": { "last": "P30D" } }""")).TryGetProperty("warnings", out _).Should().BeFalse();

        var before = await PostAsync("""{ "type": "event", "name": "LOGIN" }""", asOf: "2024-06-01T00:00:00Z");
        Warnings(before).Select(w => (w.Pointer, w.Code)).Should().Equal(("/where", "window_outside_data"));
    }

    [Fact]
    public async Task Warnings_come_with_a_count_only_answer_too()
    {
        var response = await server.PostJsonAsync("/segments", $$"""{ "where": { "type": "event", "name": "LOGN" }, "asOf": "{{SegmentsDatabase.AsOf}}", "countOnly": true }""");
        var body = await SegmentsServer.ReadJsonAsync(response);

        body.GetProperty("count").GetInt64().Should().Be(0);
        Warnings(body).Should().ContainSingle().Which.Code.Should().Be("unknown_event_name");
    }

    private async Task<JsonElement> PostAsync(string where, string asOf = SegmentsDatabase.AsOf)
    {
        var response = await server.PostJsonAsync("/segments", $$"""{ "where": {{where}}, "asOf": "{{asOf}}" }""");
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await SegmentsServer.ReadJsonAsync(response);
    }

    private static (string Pointer, string Code, string Message)[] Warnings(JsonElement body) =>
        [.. body.GetProperty("warnings").EnumerateArray()
            .Select(w => (w.GetProperty("pointer").GetString()!, w.GetProperty("code").GetString()!, w.GetProperty("message").GetString()!))];
}
