using DuckMart.Api.Segments;
using DuckMart.Segments;
using DuckMart.Segments.Spec;

namespace DuckMart.Api.Tests.Segments;

public class EvaluationParametersTests
{
    private static readonly DateTimeOffset Arrival = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Without_asOf_the_arrival_time_is_now_and_the_zone_is_utc()
    {
        var errors = new List<SpecError>();

        var p = EvaluationParameters.Resolve(new SegmentRequest(new AndCondition([])), Arrival, errors);

        errors.Should().BeEmpty();
        p.Time.AsOfUtc.Should().Be(Arrival.UtcDateTime);
        p.Time.Zone.Should().Be(TimeZoneInfo.Utc);
        p.Limit.Should().BeNull();
        p.After.Should().BeNull();
    }

    [Fact]
    public void The_request_asOf_zone_limit_and_cursor_are_used()
    {
        var errors = new List<SpecError>();
        var asOf = new DateTimeOffset(2025, 12, 31, 1, 0, 0, TimeSpan.FromHours(1));

        var p = EvaluationParameters.Resolve(
            new SegmentRequest(new AndCondition([]), asOf, "Europe/Paris", 10, UserIdCursor.Encode(41), CountOnly: true), Arrival, errors);

        errors.Should().BeEmpty();
        p.Time.AsOfUtc.Should().Be(new DateTime(2025, 12, 31, 0, 0, 0, DateTimeKind.Utc));
        p.Time.ZoneId.Should().Be("Europe/Paris");
        (p.Limit, p.After, p.CountOnly).Should().Be((10, 41L, true));
    }

    [Fact]
    public void A_query_string_offset_whose_plus_became_a_space_still_reads()
    {
        var errors = new List<SpecError>();

        var p = EvaluationParameters.Resolve("2025-12-31T01:00:00 01:00", null, null, null, null, null, Arrival, errors);

        errors.Should().BeEmpty();
        p.Time.AsOfUtc.Should().Be(new DateTime(2025, 12, 31, 0, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void Every_bad_parameter_is_reported_with_its_pointer()
    {
        var errors = new List<SpecError>();

        // A plain date is a valid asOf since issue 16 (midnight in the zone); a date without its year's range is not.
        EvaluationParameters.Resolve("1899-12-31", "Nowhere/City", "0", "zzz", "yes", "no", Arrival, errors);

        errors.Select(e => (e.Pointer, e.Code)).Should().BeEquivalentTo(new[]
        {
            ("/asOf", "invalid_as_of"),
            ("/timezone", "invalid_timezone"),
            ("/limit", "invalid_limit"),
            ("/cursor", "invalid_cursor"),
            ("/countOnly", "expected_boolean"),
            ("/explain", "expected_boolean"),
        });
    }

    [Theory]
    [InlineData("young-adults", true)]
    [InlineData("a", true)]
    [InlineData("0_9-x", true)]
    [InlineData("", false)]
    [InlineData("-a", false)]
    [InlineData("_a", false)]
    [InlineData("Young", false)]
    [InlineData("a.b", false)]
    [InlineData("a b", false)]
    public void Segment_ids_follow_the_contract_pattern(string id, bool valid) => SegmentId.IsValid(id).Should().Be(valid);

    [Fact]
    public void A_segment_id_is_at_most_64_characters()
    {
        SegmentId.IsValid(new string('a', 64)).Should().BeTrue();
        SegmentId.IsValid(new string('a', 65)).Should().BeFalse();
    }
}
