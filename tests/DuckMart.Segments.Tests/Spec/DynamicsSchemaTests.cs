using System.Text;
using System.Text.Json;
using DuckMart.Segments.Dynamics;
using Json.Schema;

namespace DuckMart.Segments.Tests.Spec;

/// <summary>
/// The schema's $defs/changesRequest and $defs/sizesRequest (the bodies of POST /segments/changes and
/// /segments/sizes) accept what the readers accept and refuse what they refuse for reasons of shape.
/// </summary>
public sealed class DynamicsSchemaTests
{
    private static readonly EvaluationOptions ListErrors = new() { OutputFormat = OutputFormat.List };

    private static readonly Lazy<(JsonSchema Changes, JsonSchema Sizes)> Schemas = new(() => (ServedSchema.Def("changesRequest"), ServedSchema.Def("sizesRequest")));

    /// <summary>CONTRACT.md section 5's changes body, with a real condition, and the smallest form.</summary>
    public static TheoryData<string> GoodChanges => new()
    {
        """{ "where": { "type": "event", "name": "LOGIN" }, "from": "2025-12-01T00:00:00Z", "to": "2025-12-31T00:00:00Z", "timezone": "UTC", "limit": 1000 }""",
        """{ "where": { "type": "attribute", "field": "age", "op": "gte", "value": 30 }, "from": "2025-12-01T00:00:00+01:00", "to": "2025-12-02T00:00:00.5Z" }""",
    };

    public static TheoryData<string> GoodSizes => new()
    {
        """{ "where": { "type": "event", "name": "LOGIN" }, "from": "2025-12-01T00:00:00Z", "to": "2025-12-31T00:00:00Z", "every": "P1D", "timezone": "UTC" }""",
        """{ "where": { "type": "event", "name": "LOGIN", "window": { "last": "P14D" } }, "from": "2025-10-01T00:00:00Z", "to": "2025-12-31T00:00:00Z", "every": "P1W" }""",
        """{ "where": { "type": "segment", "id": "power-users" }, "from": "2025-12-30T00:00:00Z", "to": "2025-12-31T00:00:00Z", "every": "PT6H" }""",
    };

    public static TheoryData<string> BadChanges => new()
    {
        """{ "from": "2025-12-01T00:00:00Z", "to": "2025-12-31T00:00:00Z" }""",
        """{ "where": { "type": "event" }, "to": "2025-12-31T00:00:00Z" }""",
        """{ "where": { "type": "event" }, "from": "2025-12-01", "to": "2025-12-31T00:00:00Z" }""",
        """{ "where": { "type": "event" }, "from": "2025-12-01T00:00:00", "to": "2025-12-31T00:00:00Z" }""",
        """{ "where": { "type": "event" }, "from": "-P7D", "to": "2025-12-31T00:00:00Z" }""",
        """{ "where": { "type": "event" }, "from": "2025-12-01T00:00:00Z", "to": "2025-12-31T00:00:00Z", "limit": 0 }""",
        """{ "where": { "type": "event" }, "from": "2025-12-01T00:00:00Z", "to": "2025-12-31T00:00:00Z", "every": "P1D" }""",
        """{ "where": { "type": "xor", "of": [] }, "from": "2025-12-01T00:00:00Z", "to": "2025-12-31T00:00:00Z" }""",
    };

    public static TheoryData<string> BadSizes => new()
    {
        """{ "where": { "type": "event" }, "from": "2025-12-01T00:00:00Z", "to": "2025-12-31T00:00:00Z" }""",
        """{ "where": { "type": "event" }, "from": "2025-12-01T00:00:00Z", "to": "2025-12-31T00:00:00Z", "every": "1 day" }""",
        """{ "where": { "type": "event" }, "from": "2025-12-01T00:00:00Z", "to": "2025-12-31T00:00:00Z", "every": "P1M" }""",
        """{ "where": { "type": "event" }, "from": "2025-12-01T00:00:00Z", "to": "2025-12-31T00:00:00Z", "every": "P1D", "limit": 5 }""",
        """{ "where": { "type": "event" }, "from": "yesterday", "to": "2025-12-31T00:00:00Z", "every": "P1D" }""",
        """{ "where": { "type": "event" }, "from": "2025-12-01T00:00:00Z", "to": "2025-12-31T00:00:00Z", "every": "P1D", "timezone": "" }""",
        """{ "where": { "type": "attribute", "field": "height", "op": "eq", "value": 1 }, "from": "2025-12-01T00:00:00Z", "to": "2025-12-31T00:00:00Z", "every": "P1D" }""",
    };

    [Theory]
    [MemberData(nameof(GoodChanges))]
    public void A_changes_body_the_reader_accepts_conforms(string json)
    {
        ChangesRequestReader.Read(Encoding.UTF8.GetBytes(json), Saved());
        ShouldBeValid(Schemas.Value.Changes, json);
    }

    [Theory]
    [MemberData(nameof(GoodSizes))]
    public void A_sizes_body_the_reader_accepts_conforms(string json)
    {
        SizesRequestReader.Read(Encoding.UTF8.GetBytes(json), Saved());
        ShouldBeValid(Schemas.Value.Sizes, json);
    }

    [Theory]
    [MemberData(nameof(BadChanges))]
    public void A_changes_body_the_reader_refuses_for_its_shape_does_not_conform(string json)
    {
        var read = () => ChangesRequestReader.Read(Encoding.UTF8.GetBytes(json), Saved());
        read.Should().Throw<SegmentException>();
        Evaluate(Schemas.Value.Changes, json).IsValid.Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(BadSizes))]
    public void A_sizes_body_the_reader_refuses_for_its_shape_does_not_conform(string json)
    {
        var read = () => SizesRequestReader.Read(Encoding.UTF8.GetBytes(json), Saved());
        read.Should().Throw<SegmentException>();
        Evaluate(Schemas.Value.Sizes, json).IsValid.Should().BeFalse();
    }

    [Fact]
    public void A_segment_request_is_not_a_sizes_body()
    {
        // The defs are separate bodies: POST /segments members (asOf, countOnly) are refused in a sizes body.
        Evaluate(Schemas.Value.Sizes, """{ "where": { "type": "event" }, "asOf": "2025-12-31T00:00:00Z", "countOnly": true }""").IsValid.Should().BeFalse();
    }

    private static InMemorySavedSegments Saved() => new InMemorySavedSegments().Add("power-users", new DuckMart.Segments.Spec.EventCondition());

    private static void ShouldBeValid(JsonSchema schema, string json)
    {
        var result = Evaluate(schema, json);
        result.IsValid.Should().BeTrue(because: string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {d.EvaluationPath}: {e.Key} {e.Value}"))));
    }

    private static EvaluationResults Evaluate(JsonSchema schema, string json)
    {
        using var document = JsonDocument.Parse(json);
        return schema.Evaluate(document.RootElement.Clone(), ListErrors);
    }
}
