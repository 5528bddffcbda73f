namespace DuckMart.Api.Tests.OData;

/// <summary>
/// Integer columns (age: Int32, userId: Int64) against literals of every other numeric kind (decimal, double,
/// single, long beyond Int32, INF, NaN) and arithmetic that mixes them (issue 6). Each answer is the mathematical
/// one over the sample users (ages 1:28 2:35 3:42 4:NULL 5:25 6:31 7:60 8:34), or a 400 problem; never a 500.
/// A NULL fails every comparison but <c>ne</c>, as in <see cref="ODataFilterTests"/>.
/// </summary>
public class ODataNumericMixTests(ODataServer server) : IClassFixture<ODataServer>
{
    private static readonly long[] All = [1, 2, 3, 4, 5, 6, 7, 8];
    private static readonly long[] WithAge = [1, 2, 3, 5, 6, 7, 8];
    private static readonly long[] None = [];

    public static TheoryData<string, long[]> Answered => new()
    {
        // Decimal literals (Edm.Decimal) against Int32
        { "age le 3.14", None },
        { "age le 28.9", [1, 5] },
        { "age lt 28.1", [1, 5] },
        { "age lt 28.0", [5] },
        { "age ge 34.5", [2, 3, 7] },
        { "age gt 33.9", [2, 3, 7, 8] },
        { "age eq 28.0", [1] },
        { "age eq 28.5", None },
        { "age ne 28.5", All },
        { "age ne 28.0", [2, 3, 4, 5, 6, 7, 8] },
        { "not (age le 28.9)", [2, 3, 4, 6, 7, 8] },
        // Double and single literals
        { "age le 28.9d", [1, 5] },
        { "age le 28.9f", [1, 5] },
        { "age ge 2.5e1", [1, 2, 3, 5, 6, 7, 8] },
        { "age lt 1e308", WithAge },
        { "age gt -1e308", WithAge },
        { "age eq 1e308", None },
        { "age gt 1e308", None },
        // Int64 literals beyond Int32
        { "age gt 3000000000", None },
        { "age lt 3000000000", WithAge },
        { "age ge -3000000000", WithAge },
        { "age eq 3000000000", None },
        { "age ne 3000000000", All },
        { "age eq 2147483648", None },
        // Int64 column
        { "userId eq 1.5", None },
        { "userId le 2.5", [1, 2] },
        { "userId eq 2.0", [2] },
        { "userId gt 7.5", [8] },
        { "userId lt 9223372036854775807", All },
        { "userId lt 1e19", All },
        // Infinities and NaN: IEEE 754, where NaN compares false with everything and unequal to everything
        { "age eq INF", None },
        { "age lt INF", WithAge },
        { "age gt -INF", WithAge },
        { "age lt -INF", None },
        { "age gt INF", None },
        { "age eq NaN", None },
        { "age lt NaN", None },
        { "age gt NaN", None },
        { "age ge NaN", None },
        { "age ne NaN", All },
        { "not (age lt NaN)", All },
        // Arithmetic that mixes kinds
        { "age add 1.5 gt 30", [2, 3, 6, 7, 8] },
        { "age sub 0.5 lt 28", [1, 5] },
        { "age mul 1.5 gt 50", [2, 3, 7, 8] },
        { "age div 2.5 eq 14", [2] },
        { "age add 3000000000 gt 3000000030", [2, 3, 6, 7, 8] },
        // Integer division truncates (OData: div of integers is an integer)
        { "age div 10 eq 2", [1, 5] },
        { "age div 2 eq 14", [1] },
        { "age mod 10 eq 5", [2, 5] },
        { "age add 1 le 29.5", [1, 5] },
        { "29.5 ge age", [1, 5] },
        { "age le 1.5 add 27", [1, 5] },
        { "age lt 10 div 4.0", None },
        { "age ge 0.5 mul 60", [2, 3, 6, 7, 8] },
        { "events/$count gt 2.5", [1, 6] },
        { "events/any(e: e/userId le 2.5)", [1, 2] },
        { "age mul 1.5d gt 50", [2, 3, 7, 8] },
        { "age add 0.5f lt 28", [5] },
        // Arithmetic past the column's range answers mathematically (DuckDB widens), not wrapped around
        { "age mul 2147483647 gt 0", WithAge },
        { "userId add 9223372036854775807 gt 0", All },
    };

    [Theory]
    [MemberData(nameof(Answered))]
    public async Task Numeric_mix_selects_exactly_the_mathematical_answer(string filter, long[] expected)
    {
        var ids = await server.GetUserIdsAsync(filter);

        ids.Should().Equal(expected, "$filter={0}", filter);
    }

    [Theory]
    [InlineData("age div 0 eq 1")]
    [InlineData("age mod 0 eq 1")]
    [InlineData("age div 0.0 gt 1")]
    [InlineData("userId mod 0 eq 0")]
    [InlineData("age mod 0.0 lt 1")]
    [InlineData("events/any(e: e/userId div 0 eq 1)")]
    [InlineData("not (age div 0 eq 1)")]
    public async Task Division_by_a_literal_zero_is_a_400_problem(string filter)
    {
        var (status, body) = await server.GetJsonAsync("/odata/Users?$filter=" + Uri.EscapeDataString(filter));

        status.Should().Be(400, "$filter={0} answered {1}", filter, body);
        body.GetProperty("title").GetString().Should().NotBeNullOrEmpty();
    }

    [Theory]
    // OData's parser refuses a decimal in an `in` list of an Int32 column: a clear 400, not a guess.
    [InlineData("age in (28.0, 31.5, 35)")]
    public async Task A_literal_the_parser_cannot_convert_is_a_400_problem(string filter)
    {
        var (status, body) = await server.GetJsonAsync("/odata/Users?$filter=" + Uri.EscapeDataString(filter));

        status.Should().Be(400, "$filter={0} answered {1}", filter, body);
        body.GetProperty("error").GetProperty("code").GetString().Should().Be("invalid_odata_query");
    }
}
