using System.Diagnostics;
using DuckMart.Segments.Saved;
using DuckMart.Segments.Spec;
using DuckMart.Segments.Validation;

namespace DuckMart.Segments.Tests.Spec;

/// <summary><c>segment</c> references: they must exist, must not close a cycle, and must not blow up once inlined.</summary>
public sealed class SavedSegmentReferenceTests
{
    private static readonly Condition Login = new EventCondition("LOGIN");

    [Fact]
    public void Saving_a_segment_that_refers_to_itself_is_a_cycle()
    {
        var saved = new InMemorySavedSegments().Add("a", Login);

        var errors = SpecReading.DefinitionErrors("""{"where": {"type": "not", "of": {"type": "segment", "id": "a"}}}""", "a", saved);

        errors.Pairs().Should().Equal(("/where/of/id", ErrorCodes.SegmentCycle));
    }

    [Fact]
    public void Saving_a_segment_that_reaches_itself_through_others_is_a_cycle()
    {
        var saved = new InMemorySavedSegments()
            .Add("a", new AndCondition([Login, new SegmentCondition("b")]))
            .Add("b", new OrCondition([new SegmentCondition("c")]))
            .Add("c", Login);

        var errors = SpecReading.DefinitionErrors("""{"where": {"type": "and", "of": [{"type": "event"}, {"type": "segment", "id": "a"}]}}""", "c", saved);

        errors.Pairs().Should().Equal(("/where/of/1/id", ErrorCodes.SegmentCycle));
    }

    [Fact]
    public void Saving_a_segment_that_shares_references_without_a_cycle_is_fine()
    {
        var saved = new InMemorySavedSegments()
            .Add("a", new AndCondition([new SegmentCondition("c"), new SegmentCondition("c")]))
            .Add("c", Login);

        var definition = SegmentSpecReader.ReadSavedDefinition(
            """{"where": {"type": "segment", "id": "a"}, "description": "Logged in, twice over"}"""u8, "b", saved);

        definition.Should().Be(new SavedSegmentDefinition(new SegmentCondition("a"), "Logged in, twice over"));
    }

    [Fact]
    public void A_request_may_not_refer_to_an_unknown_segment()
    {
        var saved = new InMemorySavedSegments().Add("known", Login);

        var errors = SpecReading.RequestErrors(
            """{"where": {"type": "or", "of": [{"type": "segment", "id": "known"}, {"type": "segment", "id": "unknown"}]}}""", saved);

        errors.Pairs().Should().Equal(("/where/of/1/id", ErrorCodes.UnknownSegment));
    }

    [Fact]
    public void Inlined_saved_segments_count_against_the_node_limit()
    {
        // Attribute conditions: they count as nodes only, not as event conditions (tested below).
        var big = new OrCondition([.. Enumerable.Repeat<Condition>(new AttributeCondition("name", "isNotNull"), 399)]);
        var saved = new InMemorySavedSegments().Add("big", big);

        var errors = SpecReading.RequestErrors(
            """{"where": {"type": "and", "of": [{"type": "segment", "id": "big"}, {"type": "segment", "id": "big"}]}}""", saved);

        errors.Pairs().Should().Equal(("/where/of/1/id", ErrorCodes.TooManyNodes));
    }

    [Fact]
    public void Inlined_saved_segments_count_against_the_event_condition_limit()
    {
        // 60 event conditions and sequence steps each: every definition fits, two together do not.
        var many = new OrCondition([.. Enumerable.Range(0, 58).Select(i => (Condition)new EventCondition($"E{i}")),
            new SequenceCondition([new SequenceStep("A"), new SequenceStep("B")])]);
        var saved = new InMemorySavedSegments().Add("many", many).Add("nested", new NotCondition(new SegmentCondition("many")));

        SegmentSpecReader.ReadRequest("""{"where": {"type": "segment", "id": "nested"}}"""u8, saved).Where.Should().Be(new SegmentCondition("nested"));
        var errors = SpecReading.RequestErrors(
            """{"where": {"type": "or", "of": [{"type": "segment", "id": "many"}, {"type": "segment", "id": "nested"}]}}""", saved);

        errors.Pairs().Should().Equal(("/where/of/1/id", ErrorCodes.TooManyEventConditions));
    }

    [Fact]
    public void Inlined_saved_segments_count_against_the_depth_limit()
    {
        Condition deep = Login;
        for (var i = 0; i < 30; i++)
        {
            deep = new NotCondition(deep);
        }

        var saved = new InMemorySavedSegments().Add("deep", deep);

        var errors = SpecReading.RequestErrors("""{"where": {"type": "not", "of": {"type": "not", "of": {"type": "segment", "id": "deep"}}}}""", saved);

        errors.Pairs().Should().Equal(("/where/of/of/id", ErrorCodes.TooDeep));
    }

    [Fact]
    public void A_diamond_of_references_that_doubles_at_each_level_is_refused_quickly()
    {
        var saved = new InMemorySavedSegments().Add("s0", Login);
        for (var i = 1; i <= 40; i++)
        {
            saved.Add($"s{i}", new AndCondition([new SegmentCondition($"s{i - 1}"), new SegmentCondition($"s{i - 1}")]));
        }

        var clock = Stopwatch.StartNew();
        var errors = SpecReading.RequestErrors("""{"where": {"type": "segment", "id": "s40"}}""", saved);

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1));
        errors.Pairs().Should().Contain(("/where/id", ErrorCodes.TooManyNodes));
    }

    // Where save-time validation and the planner used to disagree, the one graph answers for both (SavedSegmentGraph).

    [Fact]
    public void A_cycle_among_saved_segments_that_a_request_reaches_is_segment_cycle_at_the_reference()
    {
        // The store hides a cycle written into its file by hand; a LINQ caller's dictionary does not. Validation
        // used to call this too_deep, too_many_nodes and too_many_event_conditions; the planner said segment_cycle.
        var saved = new InMemorySavedSegments()
            .Add("a", new AndCondition([Login, new SegmentCondition("b")]))
            .Add("b", new NotCondition(new SegmentCondition("a")));

        var errors = SpecReading.RequestErrors("""{"where": {"type": "or", "of": [{"type": "event"}, {"type": "segment", "id": "a"}]}}""", saved);

        errors.Pairs().Should().Equal(("/where/of/1/id", ErrorCodes.SegmentCycle));
        errors[0].Message.Should().Be("Saved segments refer to each other in a cycle: a -> b -> a.");
    }

    [Fact]
    public void An_unknown_segment_inside_a_saved_one_is_unknown_segment_at_the_reference()
    {
        var saved = new InMemorySavedSegments().Add("a", new OrCondition([Login, new SegmentCondition("gone")]));

        var errors = SpecReading.RequestErrors("""{"where": {"type": "not", "of": {"type": "segment", "id": "a"}}}""", saved);

        errors.Pairs().Should().Equal(("/where/of/id", ErrorCodes.UnknownSegment));
        errors[0].Message.Should().Be("There is no saved segment 'gone'.");
    }

    [Fact]
    public void A_chain_of_references_longer_than_the_limit_is_too_deep_once_and_one_at_the_limit_is_read()
    {
        var saved = Chain(SavedSegmentGraph.MaxChain + 1);

        SegmentSpecReader.ReadRequest("""{"where": {"type": "segment", "id": "s1"}}"""u8, saved).Where.Should().Be(new SegmentCondition("s1"));
        var errors = SpecReading.RequestErrors("""{"where": {"type": "segment", "id": "s0"}}""", saved);

        errors.Pairs().Should().Equal(("/where/id", ErrorCodes.TooDeep));
    }

    /// <summary>s0 -> s1 -> … -> s(n-1) -> LOGIN: n saved segments, each only a reference to the next.</summary>
    internal static InMemorySavedSegments Chain(int n)
    {
        var saved = new InMemorySavedSegments().Add($"s{n - 1}", Login);
        for (var i = n - 2; i >= 0; i--)
        {
            saved.Add($"s{i}", new SegmentCondition($"s{i + 1}"));
        }

        return saved;
    }
}
