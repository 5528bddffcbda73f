using System.Text.Json;
using Json.Schema;

namespace DuckMart.Segments.Tests.Spec;

/// <summary>
/// The published JSON Schema is itself a valid 2020-12 schema, accepts every example the contract and the
/// reader tests accept, and refuses what the reader refuses for reasons of shape.
/// </summary>
public sealed class SegmentSchemaTests
{
    private static readonly EvaluationOptions ListErrors = new() { OutputFormat = OutputFormat.List };

    private static readonly JsonSchema Schema = ServedSchema.Root;

    /// <summary>The request examples of CONTRACT.md sections 2 and 4, word for word.</summary>
    public static TheoryData<string> ContractRequests => new()
    {
        """
        {
          "where": { "type": "attribute", "field": "age", "op": "between", "value": [25, 34] },
          "asOf": "2025-12-31T00:00:00Z",
          "timezone": "UTC",
          "limit": 1000,
          "cursor": null,
          "countOnly": false,
          "explain": false
        }
        """,
        """{ "where": { "type": "attribute", "field": "age", "op": "between", "value": [25, 34] } }""",
        """
        { "where": { "type": "and", "of": [
            { "type": "attribute", "field": "location", "op": "eq", "value": "California" },
            { "type": "event", "name": "LOGIN" } ] } }
        """,
    };

    /// <summary>Bodies the reader refuses and a schema can see are wrong.</summary>
    public static TheoryData<string> ShapeErrors => new()
    {
        "{}",
        """{ "where": { "type": "event" }, "limt": 5 }""",
        """{ "where": { "type": "xor", "of": [] } }""",
        """{ "where": { "type": "and", "of": [] } }""",
        """{ "where": { "type": "attribute", "field": "height", "op": "eq", "value": 1 } }""",
        """{ "where": { "type": "attribute", "field": "age", "op": "contains", "value": "3" } }""",
        """{ "where": { "type": "attribute", "field": "age", "op": "eq", "value": "30" } }""",
        """{ "where": { "type": "attribute", "field": "age", "op": "between", "value": [25] } }""",
        """{ "where": { "type": "attribute", "field": "age", "op": "eq" } }""",
        """{ "where": { "type": "attribute", "field": "age", "op": "isNull", "value": 3 } }""",
        """{ "where": { "type": "attribute", "field": "location", "op": "in", "value": [] } }""",
        """{ "where": { "type": "attribute", "field": "signupDate", "op": "inLast", "value": "PT1H" } }""",
        """{ "where": { "type": "attribute", "field": "age", "op": "eq", "value": 3, "ignoreCase": true } }""",
        """{ "where": { "type": "event", "count": { "op": "ge", "value": 3 } } }""",
        """{ "where": { "type": "event", "count": { "op": "gte", "value": -1 } } }""",
        """{ "where": { "type": "event", "count": { "op": "gte", "value": 1 }, "last": { "op": "after", "value": "-P1D" } } }""",
        """{ "where": { "type": "event", "window": { "last": "P1D", "from": "2025-01-01" } } }""",
        """{ "where": { "type": "event", "window": { "last": "30 days" } } }""",
        """{ "where": { "type": "event", "first": { "op": "after", "value": "2025-06-01T12:00:00" } } }""",
        """{ "where": { "type": "sequence", "steps": [ { "name": "A" }, { "name": "B", "absent": true } ] } }""",
        """{ "where": { "type": "segment", "id": "Power Users" } }""",
        """{ "where": { "type": "event" }, "limit": 0 }""",
        """{ "where": { "type": "event" }, "asOf": "2025-12-31T00:00:00" }""",
    };

    [Fact]
    public void The_schema_is_a_valid_2020_12_schema()
    {
        using var document = JsonDocument.Parse(SegmentSchema.Json);

        document.RootElement.GetProperty("$schema").GetString().Should().Be("https://json-schema.org/draft/2020-12/schema");
        MetaSchemas.Draft202012.Evaluate(document.RootElement, ListErrors).IsValid.Should().BeTrue();
    }

    [Fact]
    public void The_embedded_schema_is_the_one_in_docs()
    {
        var docs = Path.Combine(Repository.Root, "docs", "segment-request.schema.json");

        SegmentSchema.Json.Should().Be(File.ReadAllText(docs));
    }

    [Fact]
    public void The_schema_states_the_same_limits_as_the_reader()
    {
        using var document = JsonDocument.Parse(SegmentSchema.Json);
        var root = document.RootElement;
        var defs = root.GetProperty("$defs");
        var limits = SpecLimits.Default;

        root.GetProperty("properties").GetProperty("limit").GetProperty("maximum").GetInt32().Should().Be(limits.MaxPageSize);
        root.GetProperty("properties").GetProperty("cursor").GetProperty("maxLength").GetInt32().Should().Be(limits.MaxCursorLength);
        defs.GetProperty("eventName").GetProperty("maxLength").GetInt32().Should().Be(limits.MaxStringLength);
        defs.GetProperty("savedDefinition").GetProperty("properties").GetProperty("description").GetProperty("maxLength").GetInt32().Should().Be(limits.MaxStringLength);
        defs.GetProperty("attribute").GetProperty("allOf")[1].GetProperty("then").GetProperty("properties").GetProperty("value").GetProperty("maxItems").GetInt32()
            .Should().Be(limits.MaxListLength);
    }

    [Theory]
    [MemberData(nameof(ContractRequests))]
    public void The_contract_requests_conform(string json) => ShouldConform(json);

    [Theory]
    [MemberData(nameof(SegmentSpecReaderTests.ContractConditions), MemberType = typeof(SegmentSpecReaderTests))]
    [MemberData(nameof(SegmentSpecReaderTests.Capabilities), MemberType = typeof(SegmentSpecReaderTests))]
    public void Every_documented_condition_conforms(string condition) => ShouldConform($$"""{ "where": {{condition}} }""");

    [Theory]
    [MemberData(nameof(ShapeErrors))]
    public void A_body_the_reader_refuses_for_its_shape_does_not_conform(string json)
    {
        SpecReading.RequestErrors(json).Should().NotBeEmpty();
        Evaluate(json).IsValid.Should().BeFalse();
    }

    [Fact]
    public void A_saved_definition_conforms_to_its_def()
    {
        var definition = ServedSchema.Def("savedDefinition");

        using var valid = JsonDocument.Parse("""{ "where": { "type": "event", "name": "LOGIN" }, "description": "Logged in" }""");
        using var invalid = JsonDocument.Parse("""{ "where": { "type": "event" }, "limit": 3 }""");

        definition.Evaluate(valid.RootElement, ListErrors).IsValid.Should().BeTrue();
        definition.Evaluate(invalid.RootElement, ListErrors).IsValid.Should().BeFalse();
    }

    private static void ShouldConform(string json)
    {
        SpecReading.Request(json, new InMemorySavedSegments().Add("power-users", new DuckMart.Segments.Spec.EventCondition()));
        var result = Evaluate(json);

        result.IsValid.Should().BeTrue(because: string.Join("; ", Failures(result)));
    }

    private static EvaluationResults Evaluate(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Schema.Evaluate(document.RootElement.Clone(), ListErrors);
    }

    private static IEnumerable<string> Failures(EvaluationResults result) =>
        (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {d.EvaluationPath}: {e.Key} {e.Value}"));
}
