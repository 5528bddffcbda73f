namespace DuckMart.Api.Tests.OData;

/// <summary>
/// What DuckDB receives: the query options become one SQL statement (never a table read into memory),
/// and values from $filter arrive as parameters, not as text in the SQL.
/// </summary>
public class ODataSqlTests(ODataServer server) : IClassFixture<ODataServer>
{
    [Fact]
    public async Task Filter_values_are_parameters_and_any_is_the_engines_semi_join_not_exists()
    {
        // any() is recognised and runs on the segment engine: user_id IN (SELECT user_id FROM events ...), not a
        // correlated EXISTS per user (issue 13).
        var command = await RunAndCaptureAsync("location eq 'California' and events/any(e: e/eventName eq 'LOGIN')", "LIMIT");

        command.Sql.Should().NotContain("California").And.NotContain("LOGIN").And.NotContain("EXISTS").And.Contain("IN (");
        command.Sql.Should().Contain("ORDER BY").And.Contain("LIMIT", "paging runs in DuckDB, not in memory");
        command.ParameterValues.Should().Contain(["California", "LOGIN"]);
    }

    [Fact]
    public async Task Event_count_is_the_engines_grouped_count_with_parameters()
    {
        var command = await RunAndCaptureAsync("events/$count($filter=eventName eq 'PURCHASE_MADE') ge 2", "HAVING");

        command.Sql.Should().NotContain("PURCHASE_MADE").And.NotMatchRegex(@">=\s*2\b");
        command.ParameterValues.Should().Contain(["PURCHASE_MADE", "2"]);
    }

    [Fact]
    public async Task Dates_and_timestamps_are_parameters()
    {
        var command = await RunAndCaptureAsync("signupDate ge 2024-01-01 and events/any(e: e/timestamp ge 2025-01-01T00:00:00Z)", "LIMIT");

        command.Sql.Should().NotContain("2024").And.NotContain("2025");
        command.ParameterValues.Should().HaveCountGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task In_lists_cannot_inject()
    {
        // The engine writes a short in-list as parameters; linq2db (on the fallback path) as escaped literals (linq2db #973).
        var ids = await server.GetUserIdsAsync("location in ('Texas', 'x'') OR 1=1 --')");
        var command = server.Commands.Last(c => c.Sql.Contains("LIMIT", StringComparison.Ordinal));

        ids.Should().Equal(4, 7);
        command.Sql.Should().NotContain("'x' OR 1=1");
        (command.Sql.Contains("'x'') OR 1=1 --'", StringComparison.Ordinal) || command.ParameterValues.Contains("x') OR 1=1 --"))
            .Should().BeTrue("the value is an escaped literal or a parameter");
    }

    [Fact]
    public async Task A_quote_in_a_string_literal_stays_inside_the_parameter()
    {
        var ids = await server.GetUserIdsAsync("name eq 'x'' or ''1''=''1'");

        ids.Should().BeEmpty();
        server.Commands.Last(c => c.Sql.Contains("it.name =", StringComparison.Ordinal))
            .ParameterValues.Should().Contain("x' or '1'='1");
    }

    private async Task<RecordedCommand> RunAndCaptureAsync(string filter, string marker)
    {
        var ids = await server.GetUserIdsAsync(filter);
        ids.Should().NotBeEmpty("the filter should match someone in the sample");
        return server.Commands.Last(c => c.Sql.Contains(marker, StringComparison.Ordinal));
    }
}
