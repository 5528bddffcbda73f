using DuckMart.Segments.Validation;

namespace DuckMart.Segments.Tests.Spec;

/// <summary>Each error code, raised by the smallest body that should raise it, at its exact pointer and alone.</summary>
public sealed class SpecErrorTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        // The body as a whole and object shape.
        { """{"where": """, "", ErrorCodes.InvalidJson },
        { """{"where": {"type": "event"}} {}""", "", ErrorCodes.InvalidJson },
        { """{"where": {"type": "event", /* why */ "name": "LOGIN"}}""", "", ErrorCodes.InvalidJson },
        { "", "", ErrorCodes.InvalidJson },
        { """{"where": {"type": "attribute", "field": "\uDFFF\uD800", "op": "isNull"}}""", "", ErrorCodes.InvalidJson },
        { """{"where": {"type": "event", "name": "\uD800"}}""", "", ErrorCodes.InvalidJson },
        { "[]", "", ErrorCodes.ExpectedObject },
        { """{"where": 5}""", "/where", ErrorCodes.ExpectedObject },
        { """{"where": {"type": "not", "of": [{"type": "event"}]}}""", "/where/of", ErrorCodes.ExpectedObject },
        { """{"where": {"type": "event", "count": 3}}""", "/where/count", ErrorCodes.ExpectedObject },
        { "{}", "/where", ErrorCodes.MissingField },
        { """{"where": null}""", "/where", ErrorCodes.MissingField },
        { """{"where": {"field": "age", "op": "isNull"}}""", "/where/type", ErrorCodes.MissingField },
        { """{"where": {"type": "attribute", "op": "isNull"}}""", "/where/field", ErrorCodes.MissingField },
        { """{"where": {"type": "attribute", "field": "age"}}""", "/where/op", ErrorCodes.MissingField },
        { """{"where": {"type": "and"}}""", "/where/of", ErrorCodes.MissingField },
        { """{"where": {"type": "segment"}}""", "/where/id", ErrorCodes.MissingField },
        { """{"where": {"type": "sequence", "steps": [{"within": "PT1H"}]}}""", "/where/steps/0/name", ErrorCodes.MissingField },
        { """{"where": {"type": "event", "count": {"op": "gte"}}}""", "/where/count/value", ErrorCodes.MissingField },
        { """{"where": {"type": "event", "name": "LOGIN", "times": 3}}""", "/where/times", ErrorCodes.UnknownProperty },
        { """{"where": {"type": "event"}, "limt": 5}""", "/limt", ErrorCodes.UnknownProperty },
        { """{"where": {"type": "event", "a/b~c": 1}}""", "/where/a~1b~0c", ErrorCodes.UnknownProperty },
        { """{"where": {"type": "event", "window": {"last": "P1D", "until": "P2D"}}}""", "/where/window/until", ErrorCodes.UnknownProperty },
        { """{"where": {"type": "event", "name": "A", "name": "B"}}""", "/where/name", ErrorCodes.DuplicateProperty },

        // Node types and attributes.
        { """{"where": {"type": "xor", "of": []}}""", "/where/type", ErrorCodes.UnknownType },
        { """{"where": {"type": 7}}""", "/where/type", ErrorCodes.UnknownType },
        { """{"where": {"type": "or", "of": []}}""", "/where/of", ErrorCodes.EmptyGroup },
        { """{"where": {"type": "and", "of": {"type": "event"}}}""", "/where/of", ErrorCodes.ExpectedArray },
        { """{"where": {"type": "attribute", "field": "height", "op": "gt", "value": 180}}""", "/where/field", ErrorCodes.UnknownField },
        { """{"where": {"type": "attribute", "field": "Age", "op": "gt", "value": 18}}""", "/where/field", ErrorCodes.UnknownField },
        { """{"where": {"type": "attribute", "field": "location", "op": "like", "value": "Cal%"}}""", "/where/op", ErrorCodes.UnknownOperator },
        { """{"where": {"type": "event", "first": {"op": "during", "value": "-P1D"}}}""", "/where/first/op", ErrorCodes.UnknownOperator },
        { """{"where": {"type": "attribute", "field": "age", "op": "contains", "value": "3"}}""", "/where/op", ErrorCodes.OperatorNotAllowed },
        { """{"where": {"type": "attribute", "field": "location", "op": "gt", "value": "C"}}""", "/where/op", ErrorCodes.OperatorNotAllowed },
        { """{"where": {"type": "attribute", "field": "age", "op": "inLast", "value": "P3D"}}""", "/where/op", ErrorCodes.OperatorNotAllowed },
        { """{"where": {"type": "attribute", "field": "age", "op": "eq", "value": "30"}}""", "/where/value", ErrorCodes.ExpectedInteger },
        { """{"where": {"type": "attribute", "field": "age", "op": "eq", "value": 30.5}}""", "/where/value", ErrorCodes.ExpectedInteger },
        { """{"where": {"type": "attribute", "field": "age", "op": "in", "value": [30, "31"]}}""", "/where/value/1", ErrorCodes.ExpectedInteger },
        { """{"where": {"type": "attribute", "field": "location", "op": "eq", "value": 5}}""", "/where/value", ErrorCodes.ExpectedString },
        { """{"where": {"type": "attribute", "field": "location", "op": "startsWith", "value": ["C"]}}""", "/where/value", ErrorCodes.ExpectedString },
        { """{"where": {"type": "attribute", "field": "signupDate", "op": "eq", "value": "2025/01/01"}}""", "/where/value", ErrorCodes.ExpectedDate },
        { """{"where": {"type": "attribute", "field": "signupDate", "op": "gte", "value": "-PT12H"}}""", "/where/value", ErrorCodes.ExpectedDate },
        { """{"where": {"type": "attribute", "field": "signupDate", "op": "gte", "value": "2025-01-01T00:00:00Z"}}""", "/where/value", ErrorCodes.ExpectedDate },
        { """{"where": {"type": "attribute", "field": "signupDate", "op": "eq", "value": "2025-02-30"}}""", "/where/value", ErrorCodes.ExpectedDate },
        { """{"where": {"type": "event", "first": {"op": "after", "value": "yesterday"}}}""", "/where/first/value", ErrorCodes.ExpectedTime },
        { """{"where": {"type": "event", "last": {"op": "before", "value": "2025-06-01T12:00:00"}}}""", "/where/last/value", ErrorCodes.ExpectedTime },
        { """{"where": {"type": "event", "window": {"from": 1700000000}}}""", "/where/window/from", ErrorCodes.ExpectedTime },
        { """{"where": {"type": "attribute", "field": "deviceType", "op": "in", "value": "iOS"}}""", "/where/value", ErrorCodes.ExpectedArray },
        { """{"where": {"type": "sequence", "steps": {"name": "LOGIN"}}}""", "/where/steps", ErrorCodes.ExpectedArray },
        { """{"where": {"type": "attribute", "field": "location", "op": "eq", "value": "x", "ignoreCase": "yes"}}""", "/where/ignoreCase", ErrorCodes.ExpectedBoolean },
        { """{"where": {"type": "event"}, "countOnly": "true"}""", "/countOnly", ErrorCodes.ExpectedBoolean },
        { """{"where": {"type": "event"}, "explain": null}""", "/explain", ErrorCodes.ExpectedBoolean },
        { """{"where": {"type": "sequence", "steps": [{"name": "A"}, {"name": "B", "absent": 1, "within": "P1D"}]}}""", "/where/steps/1/absent", ErrorCodes.ExpectedBoolean },
        { """{"where": {"type": "attribute", "field": "gender", "op": "isNull", "value": "F"}}""", "/where/value", ErrorCodes.ValueNotAllowed },
        { """{"where": {"type": "attribute", "field": "gender", "op": "eq"}}""", "/where/value", ErrorCodes.MissingValue },
        { """{"where": {"type": "attribute", "field": "gender", "op": "eq", "value": null}}""", "/where/value", ErrorCodes.MissingValue },
        { """{"where": {"type": "attribute", "field": "deviceType", "op": "notIn", "value": []}}""", "/where/value", ErrorCodes.EmptyList },
        { """{"where": {"type": "attribute", "field": "age", "op": "between", "value": [25]}}""", "/where/value", ErrorCodes.BetweenNeedsTwo },
        { """{"where": {"type": "attribute", "field": "age", "op": "between", "value": [25, 30, 34]}}""", "/where/value", ErrorCodes.BetweenNeedsTwo },
        { """{"where": {"type": "event", "count": {"op": "between", "value": 5}}}""", "/where/count/value", ErrorCodes.BetweenNeedsTwo },
        { """{"where": {"type": "event", "last": {"op": "between", "value": ["-P7D"]}}}""", "/where/last/value", ErrorCodes.BetweenNeedsTwo },
        { """{"where": {"type": "attribute", "field": "age", "op": "between", "value": [34, 25]}}""", "/where/value", ErrorCodes.BetweenNotOrdered },
        { """{"where": {"type": "attribute", "field": "signupDate", "op": "between", "value": ["2025-02-01", "2025-01-01"]}}""", "/where/value", ErrorCodes.BetweenNotOrdered },
        { """{"where": {"type": "attribute", "field": "signupDate", "op": "between", "value": ["-P1D", "-P7D"]}}""", "/where/value", ErrorCodes.BetweenNotOrdered },
        { """{"where": {"type": "event", "distinctDays": {"op": "between", "value": [5, 3]}}}""", "/where/distinctDays/value", ErrorCodes.BetweenNotOrdered },
        { """{"where": {"type": "event", "first": {"op": "between", "value": ["2025-06-01T00:00:00Z", "2025-06-01T00:00:00Z"]}}}""", "/where/first/value", ErrorCodes.BetweenNotOrdered },
        { """{"where": {"type": "attribute", "field": "age", "op": "eq", "value": 30, "ignoreCase": true}}""", "/where/ignoreCase", ErrorCodes.IgnoreCaseNotAllowed },
        { """{"where": {"type": "event", "window": {"last": "30 days"}}}""", "/where/window/last", ErrorCodes.InvalidDuration },
        { """{"where": {"type": "event", "window": {"last": "P1M"}}}""", "/where/window/last", ErrorCodes.InvalidDuration },
        { """{"where": {"type": "event", "window": {"last": "P0D"}}}""", "/where/window/last", ErrorCodes.InvalidDuration },
        { """{"where": {"type": "attribute", "field": "signupDate", "op": "inLast", "value": "PT12H"}}""", "/where/value", ErrorCodes.InvalidDuration },
        { """{"where": {"type": "attribute", "field": "signupDate", "op": "inLast", "value": 30}}""", "/where/value", ErrorCodes.InvalidDuration },
        { """{"where": {"type": "sequence", "steps": [{"name": "A"}, {"name": "B", "within": "-PT1H"}]}}""", "/where/steps/1/within", ErrorCodes.InvalidDuration },

        // Events and sequences.
        { """{"where": {"type": "event", "name": "  "}}""", "/where/name", ErrorCodes.EmptyName },
        { """{"where": {"type": "sequence", "steps": [{"name": "A"}, {"name": ""}]}}""", "/where/steps/1/name", ErrorCodes.EmptyName },
        { """{"where": {"type": "event", "count": {"op": "ge", "value": 3}}}""", "/where/count/op", ErrorCodes.UnknownCountOperator },
        { """{"where": {"type": "event", "distinctDays": {"op": "before", "value": 3}}}""", "/where/distinctDays/op", ErrorCodes.UnknownCountOperator },
        { """{"where": {"type": "event", "count": {"op": "gte", "value": 3}, "last": {"op": "after", "value": "-P1D"}}}""", "/where/last", ErrorCodes.TooManyMeasures },
        { """{"where": {"type": "event", "window": {"last": "P7D", "from": "2025-01-01"}}}""", "/where/window", ErrorCodes.InvalidWindow },
        { """{"where": {"type": "event", "window": {"from": "2025-02-01", "to": "2025-01-01"}}}""", "/where/window", ErrorCodes.InvalidWindow },
        { """{"where": {"type": "event", "window": {"from": "-P1D", "to": "-P7D"}}}""", "/where/window", ErrorCodes.InvalidWindow },
        { """{"where": {"type": "sequence", "steps": []}}""", "/where/steps", ErrorCodes.EmptySequence },
        { """{"where": {"type": "sequence", "steps": [{"name": "A", "absent": true, "within": "P1D"}, {"name": "B"}]}}""", "/where/steps/0/absent", ErrorCodes.AbsentNotLast },
        { """{"where": {"type": "sequence", "steps": [{"name": "A"}, {"name": "B", "absent": true}]}}""", "/where/steps/1/within", ErrorCodes.AbsentNeedsWithin },
        { """{"where": {"type": "sequence", "steps": [{"name": "A", "absent": true, "within": "P1D"}]}}""", "/where/steps/0/absent", ErrorCodes.AbsentNeedsPrevious },
        { """{"where": {"type": "segment", "id": "Power Users"}}""", "/where/id", ErrorCodes.InvalidSegmentId },
        { """{"where": {"type": "segment", "id": "power-users\n"}}""", "/where/id", ErrorCodes.InvalidSegmentId },
        { """{"where": {"type": "segment", "id": "ghosts"}}""", "/where/id", ErrorCodes.UnknownSegment },

        // Numbers, strings and times out of range.
        { """{"where": {"type": "attribute", "field": "userId", "op": "eq", "value": 9223372036854775808}}""", "/where/value", ErrorCodes.NumberOutOfRange },
        { """{"where": {"type": "attribute", "field": "userId", "op": "eq", "value": -99999999999999999999999}}""", "/where/value", ErrorCodes.NumberOutOfRange },
        { """{"where": {"type": "attribute", "field": "age", "op": "lt", "value": 200}}""", "/where/value", ErrorCodes.NumberOutOfRange },
        { """{"where": {"type": "event", "count": {"op": "gte", "value": -1}}}""", "/where/count/value", ErrorCodes.NumberOutOfRange },
        { """{"where": {"type": "event", "count": {"op": "gte", "value": 1e400}}}""", "/where/count/value", ErrorCodes.ExpectedInteger },
        { """{"where": {"type": "event", "count": {"op": "gte", "value": 1e3}}}""", "/where/count/value", ErrorCodes.ExpectedInteger },
        { """{"where": {"type": "event", "count": {"op": "gte", "value": 3.0}}}""", "/where/count/value", ErrorCodes.ExpectedInteger },
        { """{"where": {"type": "event", "first": {"op": "after", "value": "0001-01-01"}}}""", "/where/first/value", ErrorCodes.TimeOutOfRange },
        { """{"where": {"type": "event", "window": {"to": "9999-12-31T12:00:00Z"}}}""", "/where/window/to", ErrorCodes.TimeOutOfRange },
        { """{"where": {"type": "attribute", "field": "signupDate", "op": "lt", "value": "10000-01-01"}}""", "/where/value", ErrorCodes.ExpectedDate },

        // The envelope.
        { """{"where": {"type": "event"}, "timezone": "Mars/Olympus_Mons"}""", "/timezone", ErrorCodes.InvalidTimezone },
        { """{"where": {"type": "event"}, "timezone": 1}""", "/timezone", ErrorCodes.InvalidTimezone },
        { """{"where": {"type": "event"}, "asOf": "1899-12-31"}""", "/asOf", ErrorCodes.InvalidAsOf },
        { """{"where": {"type": "event"}, "asOf": "2025-12-31T00:00:00"}""", "/asOf", ErrorCodes.InvalidAsOf },
        { """{"where": {"type": "event"}, "asOf": "10000-01-01T00:00:00Z"}""", "/asOf", ErrorCodes.InvalidAsOf },
        { """{"where": {"type": "event"}, "asOf": "-P1D"}""", "/asOf", ErrorCodes.InvalidAsOf },
        { """{"where": {"type": "event"}, "limit": 0}""", "/limit", ErrorCodes.InvalidLimit },
        { """{"where": {"type": "event"}, "limit": 1.5}""", "/limit", ErrorCodes.InvalidLimit },
        { """{"where": {"type": "event"}, "limit": 1000001}""", "/limit", ErrorCodes.InvalidLimit },
        { """{"where": {"type": "event"}, "cursor": ""}""", "/cursor", ErrorCodes.InvalidCursor },
        { """{"where": {"type": "event"}, "cursor": 42}""", "/cursor", ErrorCodes.InvalidCursor },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_bad_request_gets_exactly_one_error_at_its_pointer(string json, string pointer, string code)
    {
        var errors = SpecReading.RequestErrors(json);

        errors.Pairs().Should().Equal((pointer, code));
        errors[0].Message.Should().NotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("P1M", true)]
    [InlineData("P2Y", true)]
    [InlineData("P1Y2M", true)]
    [InlineData("P1M3D", true)]
    [InlineData("PT0M", false)]
    [InlineData("30 days", false)]
    public void A_duration_in_months_or_years_is_refused_with_the_reason(string last, bool calendar)
    {
        var errors = SpecReading.RequestErrors("{\"where\": {\"type\": \"event\", \"window\": {\"last\": \"" + last + "\"}}}");

        errors.Pairs().Should().Equal(("/where/window/last", ErrorCodes.InvalidDuration));
        if (calendar)
        {
            errors[0].Message.Should().Contain("Months and years are not accepted").And.Contain("P30D");
        }
        else
        {
            errors[0].Message.Should().NotContain("Months and years");
        }
    }

    [Fact]
    public void Every_code_is_raised_by_some_case_or_named_test()
    {
        // Codes whose trigger needs a limit, a saved store or a large body are raised in SpecLimitTests and SavedSegmentReferenceTests.
        string[] elsewhere = [ErrorCodes.BodyTooLarge, ErrorCodes.TooDeep, ErrorCodes.TooManyNodes, ErrorCodes.TooManyEventConditions, ErrorCodes.TooManyErrors,
            ErrorCodes.ListTooLong, ErrorCodes.StringTooLong, ErrorCodes.SegmentCycle];
        var raised = Cases.Select(row => (string)row[2]).Concat(elsewhere).ToHashSet();
        var all = typeof(ErrorCodes).GetFields().Select(f => (string)f.GetRawConstantValue()!);

        all.Should().BeSubsetOf(raised);
    }

    [Fact]
    public void One_pass_lists_every_error_in_document_order()
    {
        var errors = SpecReading.RequestErrors("""
            { "where": { "type": "and", "of": [
                { "type": "attribute", "field": "age", "op": "eq", "value": "thirty" },
                { "type": "event", "name": "LOGIN", "count": { "op": "gte", "value": 1.5 } },
                { "type": "nope" },
                { "type": "attribute", "field": "height", "op": "like" } ] },
              "timezone": "Nowhere/Else", "limit": -1, "extra": true }
            """);

        errors.Pairs().Should().Equal(
            ("/extra", ErrorCodes.UnknownProperty),
            ("/where/of/0/value", ErrorCodes.ExpectedInteger),
            ("/where/of/1/count/value", ErrorCodes.ExpectedInteger),
            ("/where/of/2/type", ErrorCodes.UnknownType),
            ("/where/of/3/field", ErrorCodes.UnknownField),
            ("/where/of/3/op", ErrorCodes.UnknownOperator),
            ("/timezone", ErrorCodes.InvalidTimezone),
            ("/limit", ErrorCodes.InvalidLimit));
    }

    [Fact]
    public void A_bare_condition_is_pointed_at_from_the_root()
    {
        var errors = SpecReading.Errors(() => SegmentSpecReader.ReadCondition(
            """{"type": "and", "of": [{"type": "event", "count": {"op": "gte", "value": "3"}}]}"""u8, NoSavedSegments.Instance));

        errors.Pairs().Should().Equal(("/of/0/count/value", ErrorCodes.ExpectedInteger));
    }

    [Fact]
    public void A_saved_definition_is_pointed_at_from_where_and_checks_its_description()
    {
        var errors = SpecReading.DefinitionErrors(
            $$"""{"where": {"type": "event", "name": 3}, "description": "{{new string('d', 1001)}}"}""", "logins", NoSavedSegments.Instance);

        errors.Pairs().Should().Equal(("/where/name", ErrorCodes.ExpectedString), ("/description", ErrorCodes.StringTooLong));
    }

    [Fact]
    public void A_saved_definition_under_a_bad_id_is_refused()
    {
        var errors = SpecReading.DefinitionErrors("""{"where": {"type": "event"}}""", "Bad Id", NoSavedSegments.Instance);

        errors.Pairs().Should().Equal(("", ErrorCodes.InvalidSegmentId));
    }
}
