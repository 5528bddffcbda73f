namespace DuckMart.Api.Tests.Reliability;

/// <summary>The $filter fuzzer itself: replayable, and varied enough to reach both the parser and DuckDB.</summary>
public sealed class ODataFilterFuzzerTests
{
    [Fact]
    public void The_same_seed_gives_the_same_filters_and_they_vary()
    {
        var first = new ODataFilterFuzzer(3);
        var second = new ODataFilterFuzzer(3);

        var filters = Enumerable.Range(0, 500).Select(_ => first.Next()).ToList();

        filters.Should().Equal(Enumerable.Range(0, 500).Select(_ => second.Next()));
        filters.Distinct().Count().Should().BeGreaterThan(400);
        filters.Should().Contain(f => f.Contains("events/any(", StringComparison.Ordinal));
        filters.Should().Contain(f => f.Contains("$count(", StringComparison.Ordinal));
        filters.Should().Contain(f => f.Contains("DROP TABLE", StringComparison.Ordinal));
    }
}
