using DuckMart.Segments.Saved;
using DuckMart.Segments.Spec;
using DuckMart.Segments.Validation;
using static DuckMart.Segments.Tests.SpecBuilder;

namespace DuckMart.Segments.Tests.Translation;

/// <summary>Each condition type and operator against <see cref="SampleData"/>, through DuckDB.</summary>
public sealed class ConditionTranslationTests(SampleData data) : IClassFixture<SampleData>
{
    private long[] Run(Condition where, string asOf = SampleData.AsOf, string zone = "UTC", ISavedSegments? saved = null)
    {
        using var db = data.Open();
        return [.. SegmentQuery.Create(db, where, At(asOf, zone), saved ?? NoSavedSegments.Instance).UserIds];
    }

    [Fact]
    public void Eq_matches_exactly_and_never_a_null() =>
        Run(Attr("location", "eq", "California")).Should().Equal(1);

    [Fact]
    public void Neq_and_not_eq_are_true_for_null() // the two-valued logic linq2db's NOT would otherwise break
    {
        Run(Attr("location", "neq", "California")).Should().Equal(2, 3, 4, 5, 6);
        Run(new NotCondition(Attr("location", "eq", "California"))).Should().Equal(2, 3, 4, 5, 6);
    }

    [Fact]
    public void Not_of_a_comparison_on_a_null_attribute_holds() =>
        Run(new NotCondition(Attr("age", "gt", 29))).Should().Equal(2, 3);

    [Fact]
    public void Not_not_is_the_condition_itself() =>
        Run(new NotCondition(new NotCondition(Attr("age", "gt", 29)))).Should().Equal(1, 4, 5, 6);

    [Fact]
    public void In_and_not_in_treat_null_as_contract_says()
    {
        Run(Attr("deviceType", "in", new[] { "iOS", "Android" })).Should().Equal(1, 3);
        Run(Attr("deviceType", "notIn", new[] { "iOS", "Android" })).Should().Equal(2, 4, 5, 6);
        Run(Attr("deviceType", "in", new[] { "IOS" }, ignoreCase: true)).Should().Equal(1, 4);
    }

    [Fact]
    public void Long_in_lists_are_one_array_parameter_with_the_same_meaning()
    {
        var ages = Enumerable.Range(100, 40).Select(i => (long)i).Append(25).Append(34).ToArray();
        var places = Enumerable.Range(0, 20).Select(i => $"Place {i}").Append("CALIFORNIA").ToArray();

        Run(Attr("age", "in", ages)).Should().Equal(3, 4);
        Run(Attr("age", "notIn", ages)).Should().Equal(1, 2, 5, 6);
        Run(new NotCondition(Attr("age", "in", ages))).Should().Equal(1, 2, 5, 6);
        Run(Attr("location", "in", places, ignoreCase: true)).Should().Equal(1, 3);
        Run(Attr("location", "notIn", places, ignoreCase: true)).Should().Equal(2, 4, 5, 6);

        using var db = data.Open();
        var (sql, parameters) = SegmentQuery.Create(db, Attr("age", "in", ages), At(SampleData.AsOf), NoSavedSegments.Instance).Explain();
        sql.Should().Contain("unnest").And.NotContain("139");
        parameters.Should().ContainSingle().Which.Value.Should().Be("[100,101,102,103,104,105,106,107,108,109,110,111,112,113,114,115,116,117,118,119,120,121,122,123,124,125,126,127,128,129,130,131,132,133,134,135,136,137,138,139,25,34]");
    }

    [Fact]
    public void A_long_list_before_a_window_keeps_the_timestamps_typed() // found by the differential test
    {
        var ids = Enumerable.Range(1, 20).ToArray();
        Run(new AndCondition([Attr("userId", "in", ids), new EventCondition("LOGIN", Last("P1D"))])).Should().Equal(1);
        Run(new AndCondition([Attr("location", "notIn", new[] { "a", "b", "c", "d", "e", "f", "g", "h", "i", "j" }), new EventCondition("LOGIN", Last("P1D"))]))
            .Should().Equal(1);
        Run(new AndCondition([Attr("name", "in", new[] { "x,\"y", "Zoë", "a%b", "1", "2", "3", "4", "5", "6", "7" }), new EventCondition("LOGIN", Last("P31D"))]))
            .Should().Equal(3);
    }

    [Theory]
    [InlineData("gt", 30, new long[] { 4, 5, 6 })]
    [InlineData("gte", 30, new long[] { 1, 4, 5, 6 })]
    [InlineData("lt", 30, new long[] { 3 })]
    [InlineData("lte", 30, new long[] { 1, 3 })]
    public void Numbers_compare_and_null_fails(string op, int value, long[] expected) =>
        Run(Attr("age", op, value)).Should().Equal(expected);

    [Fact]
    public void Between_is_inclusive() => Run(Attr("age", "between", new[] { 25, 34 })).Should().Equal(1, 3, 4);

    [Fact]
    public void Like_metacharacters_in_values_match_themselves()
    {
        Run(Attr("name", "contains", "%")).Should().Equal(3);
        Run(Attr("name", "startsWith", "a_")).Should().Equal(5);
        Run(Attr("name", "endsWith", "_b")).Should().Equal(5);
        Run(Attr("location", "contains", "n_D")).Should().Equal(5);
    }

    [Fact]
    public void Ignore_case_applies_to_eq_and_substring_tests()
    {
        Run(Attr("location", "eq", "CALIFORNIA", ignoreCase: true)).Should().Equal(1, 3);
        Run(Attr("location", "startsWith", "cali", ignoreCase: true)).Should().Equal(1, 3);
        Run(Attr("location", "eq", "ZOË", ignoreCase: true)).Should().Equal(6);
    }

    [Fact]
    public void Is_null_and_is_not_null()
    {
        Run(Attr("age", "isNull")).Should().Equal(2);
        Run(Attr("age", "isNotNull")).Should().Equal(1, 3, 4, 5, 6);
        Run(new NotCondition(Attr("age", "isNull"))).Should().Equal(1, 3, 4, 5, 6);
    }

    [Fact]
    public void In_last_counts_calendar_days_back_from_the_date_of_as_of()
    {
        // asOf 2025-06-01T00:00Z is 2025-05-31 in New York: date(asOf) - 30 < x <= date(asOf).
        Run(Attr("signupDate", "inLast", "P30D")).Should().Equal(1, 5);
        Run(Attr("signupDate", "inLast", "P30D"), zone: "America/New_York").Should().Equal(1, 3);
    }

    [Fact]
    public void Relative_dates_are_days_before_the_date_of_as_of() =>
        Run(Attr("signupDate", "gte", "-P1D")).Should().Equal(1, 5);

    [Fact]
    public void An_event_at_as_of_is_never_seen() =>
        Run(new EventCondition("LOGIN", Last("PT1H"))).Should().Equal(1).And.HaveCount(1);

    [Fact]
    public void A_last_window_includes_its_start_and_excludes_as_of()
    {
        Run(new EventCondition("LOGIN", Last("P30D"))).Should().Equal(1, 2);
        Run(new EventCondition("LOGIN", Between("2025-05-02T00:00:00Z", "2025-05-31T23:00:00Z"))).Should().Equal(1, 2);
    }

    [Fact]
    public void Event_names_are_normalised_as_at_ingest() =>
        Run(new EventCondition(" added to-cart")).Should().Equal(1, 3, 4, 5);

    [Fact]
    public void No_name_means_any_event() => Run(new EventCondition()).Should().Equal(1, 2, 3, 4, 5);

    [Fact]
    public void Count_zero_and_less_than_include_users_with_no_events()
    {
        Run(new EventCondition("LOGIN", Count: Count("eq", 0))).Should().Equal(4, 5, 6);
        Run(new EventCondition("LOGIN", Count: Count("lt", 2))).Should().Equal(3, 4, 5, 6);
        Run(new EventCondition("LOGIN", Count: Count("between", new[] { 0, 1 }))).Should().Equal(3, 4, 5, 6);
        Run(new NotCondition(new EventCondition("LOGIN", Count: Count("eq", 0)))).Should().Equal(Run(new EventCondition("LOGIN")));
    }

    [Fact]
    public void Count_above_zero_needs_that_many_events()
    {
        Run(new EventCondition("LOGIN", Count: Count("gte", 2))).Should().Equal(1, 2);
        Run(new EventCondition("LOGIN", Count: Count("eq", 3))).Should().Equal(2);
        Run(new EventCondition("LOGIN", Count: Count("neq", 2))).Should().Equal(2, 3, 4, 5, 6);
    }

    [Fact]
    public void Distinct_days_are_calendar_days_in_the_zone()
    {
        // 04:30Z and 05:30Z on 2025-03-09 are one UTC day but 23:30 and 00:30 in New York: two days there.
        var twoDays = new EventCondition("LOGIN", Between(null, "2025-04-01"), DistinctDays: Count("gte", 2));
        Run(twoDays).Should().BeEmpty();
        Run(twoDays, zone: "America/New_York").Should().Equal(2);

        // With a window start the zone's offsets become arithmetic in SQL instead of ICU calls: same days.
        var windowed = new EventCondition("LOGIN", Between("2025-03-01", "2025-04-01"), DistinctDays: Count("gte", 2));
        Run(windowed, zone: "America/New_York").Should().Equal(2);
        Run(windowed, zone: "Pacific/Chatham").Should().BeEmpty(); // 17:15 and 18:15 on 2025-03-09 there
        Run(windowed, zone: "Asia/Kolkata").Should().BeEmpty();
    }

    [Fact]
    public void First_and_last_are_min_and_max_in_the_window_and_need_an_event()
    {
        Run(new EventCondition("PURCHASE_MADE", First: Time("before", "2025-05-01"))).Should().Equal(4);
        Run(new EventCondition("PURCHASE_MADE", Last: Time("after", "-P7D"))).Should().Equal(4);
        Run(new EventCondition("PURCHASE_MADE", Window: Last("P30D"), First: Time("after", "-P30D"))).Should().Equal(1, 3, 4);
        Run(new EventCondition("PURCHASE_MADE", Last: Time("between", new[] { "2025-05-21T11:00:00Z", "2025-05-21T11:00:01Z" }))).Should().Equal(1, 3);
        Run(new NotCondition(new EventCondition("PURCHASE_MADE", First: Time("before", "2025-05-01")))).Should().Equal(1, 2, 3, 5, 6);
    }

    [Fact]
    public void A_sequence_follows_a_later_first_step_when_the_earliest_is_too_early() =>
        Run(new SequenceCondition([Step("VIEW_PRODUCT"), Step("ADDED_TO_CART", "PT1H")])).Should().Equal(1, 3, 4);

    [Fact]
    public void Sequence_steps_are_strictly_increasing_and_within_is_inclusive()
    {
        Run(new SequenceCondition([Step("VIEW_PRODUCT"), Step("ADDED_TO_CART")])).Should().NotContain(5);
        Run(new SequenceCondition([Step("VIEW_PRODUCT"), Step("ADDED_TO_CART", "PT59M59S")])).Should().Equal(3, 4);
    }

    [Fact]
    public void An_absent_last_step_holds_when_nothing_follows_within_its_limit()
    {
        var abandoned = new SequenceCondition([Step("VIEW_PRODUCT"), Step("ADDED_TO_CART", "PT1H"), Step("PURCHASE_MADE", "P1D", absent: true)]);
        Run(abandoned).Should().Equal(3, 4);
        Run(new NotCondition(abandoned)).Should().Equal(1, 2, 5, 6);
    }

    [Fact]
    public void The_absent_step_looks_at_every_event_before_as_of_not_only_the_window()
    {
        var window = Between("2025-05-20", "2025-05-21");
        Run(new SequenceCondition([Step("ADDED_TO_CART"), Step("PURCHASE_MADE", "P1D", absent: true)], window)).Should().Equal(3, 4, 5);
    }

    [Fact]
    public void A_saved_segment_is_inlined_with_this_as_of()
    {
        var saved = new DictionarySavedSegments(new Dictionary<string, Condition> { ["logged-in"] = new EventCondition("LOGIN", Last("P1D")) });
        Run(new SegmentCondition("logged-in"), saved: saved).Should().Equal(1);
        Run(new SegmentCondition("logged-in"), asOf: "2025-05-02T12:00:00Z", saved: saved).Should().Equal(2, 3);
        Run(new NotCondition(new SegmentCondition("logged-in")), saved: saved).Should().Equal(2, 3, 4, 5, 6);
    }

    [Fact]
    public void A_reference_cycle_is_refused_with_segment_cycle()
    {
        var saved = new DictionarySavedSegments(new Dictionary<string, Condition> { ["a"] = new SegmentCondition("b"), ["b"] = new OrCondition([new SegmentCondition("a")]) });
        var run = () => Run(new SegmentCondition("a"), saved: saved);
        run.Should().Throw<SegmentException>().Which.Errors.Should().ContainSingle(e => e.Code == "segment_cycle");
    }

    [Fact]
    public void A_chain_of_references_too_long_to_follow_is_too_deep_and_not_a_stack_overflow()
    {
        // Nothing validated this dictionary: the planner had no limit of its own, and a long enough chain overflowed the
        // stack, which no catch can stop. It follows through the same graph as validation now, with the same limit.
        var chain = new Dictionary<string, Condition> { ["s100000"] = new EventCondition("LOGIN") };
        for (var i = 0; i < 100_000; i++)
        {
            chain[$"s{i}"] = new SegmentCondition($"s{i + 1}");
        }

        var run = () => Run(new SegmentCondition("s0"), saved: new DictionarySavedSegments(chain));

        run.Should().Throw<SegmentException>().Which.Errors.Should().Equal(
            new SpecError("", ErrorCodes.TooDeep, $"Saved segments refer to one another more than {SavedSegmentGraph.MaxChain} deep, from 's0'."));
        Run(new SegmentCondition($"s{100_000 - SavedSegmentGraph.MaxChain + 1}"), saved: new DictionarySavedSegments(chain)).Should().Equal(Run(new EventCondition("LOGIN")));
    }

    [Fact]
    public void And_or_combine()
    {
        Run(new AndCondition([Attr("location", "eq", "california", ignoreCase: true), new EventCondition("LOGIN")])).Should().Equal(1, 3);
        Run(new OrCondition([Attr("age", "isNull"), Attr("age", "gte", 150)])).Should().Equal(2, 6);
        Run(new NotCondition(new OrCondition([Attr("age", "isNull"), Attr("age", "gte", 150)]))).Should().Equal(1, 3, 4, 5);
    }
}
