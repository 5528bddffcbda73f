using DuckMart.Api.Tests.Segments.Fixtures;
using DuckMart.Cli.Commands;

namespace DuckMart.Cli.Tests;

/// <summary>
/// <c>duckmart segment</c>. The tests that print IDs, counts or SQL need the spec and engine branches; the
/// failures that happen before a spec is read (missing files, conflicting options) pass on their own.
/// </summary>
public sealed class SegmentCommandTests : IDisposable
{
    private readonly SegmentsDatabase database = SegmentsDatabase.Brief();

    public void Dispose() => database.Dispose();

    private async Task<(int Exit, string Out, string Err)> RunAsync(string spec, bool count = false, bool sql = false, string? asOf = SegmentsDatabase.AsOf, string? timezone = null, bool summary = false)
    {
        var file = Path.Combine(database.Directory, $"spec-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, spec);
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await SegmentCommand.RunAsync(new SegmentCommand.Arguments(database.Path, file, count, sql, asOf, timezone, summary), output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task A_bare_condition_prints_the_matching_ids_one_a_line()
    {
        var (exit, output, error) = await RunAsync("""{ "type": "attribute", "field": "age", "op": "between", "value": [25, 34] }""");

        exit.Should().Be(0, error);
        output.Should().Be(string.Join("", SegmentsDatabase.AgeBand.Select(i => $"{i}\n")));
    }

    [Fact]
    public async Task A_segment_of_many_batches_prints_every_id_once_in_order()
    {
        using var large = SegmentsDatabase.Large(20_000);
        var file = Path.Combine(large.Directory, "spec.json");
        await File.WriteAllTextAsync(file, """{ "type": "attribute", "field": "age", "op": "gte", "value": 0 }""");
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await SegmentCommand.RunAsync(new SegmentCommand.Arguments(large.Path, file, false, false, SegmentsDatabase.AsOf, null), output, error, CancellationToken.None);

        exit.Should().Be(0, error.ToString());
        output.ToString().Should().Be(string.Join("", SegmentsDatabase.LargeAged(20_000, 0, 89).Select(i => $"{i}\n")));
    }

    [Fact]
    public async Task A_request_body_is_read_too_and_its_asOf_is_used()
    {
        var (exit, output, _) = await RunAsync(
            """{ "where": { "type": "and", "of": [ { "type": "attribute", "field": "location", "op": "eq", "value": "California" }, { "type": "event", "name": "LOGIN" } ] }, "asOf": "2025-12-31T00:00:00Z" }""",
            asOf: null);

        exit.Should().Be(0);
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).Should().Equal(SegmentsDatabase.CaliforniansWhoLoggedIn);
    }

    [Fact]
    public async Task Count_prints_the_size_of_the_segment()
    {
        var (exit, output, _) = await RunAsync("""{ "type": "attribute", "field": "age", "op": "between", "value": [25, 34] }""", count: true);

        exit.Should().Be(0);
        output.Trim().Should().Be(SegmentsDatabase.AgeBand.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Sql_prints_the_query_and_its_parameters()
    {
        var (exit, output, _) = await RunAsync("""{ "type": "attribute", "field": "location", "op": "eq", "value": "California" }""", sql: true);

        exit.Should().Be(0);
        var lines = output.Split('\n');
        lines.Where(l => !l.StartsWith("--", StringComparison.Ordinal)).Should().NotContain(l => l.Contains("California"));
        lines.Should().Contain(l => l.StartsWith("--", StringComparison.Ordinal) && l.Contains("'California'"));
    }

    [Fact]
    public async Task An_invalid_spec_prints_one_line_per_error_and_exits_1()
    {
        var (exit, output, error) = await RunAsync("""{ "type": "and", "of": [ { "type": "attribute", "field": "shoeSize", "op": "eq", "value": 1 }, { "type": "event", "window": { "last": "P3X" } } ] }""");

        exit.Should().Be(1);
        output.Should().BeEmpty();
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCountGreaterThanOrEqualTo(2).And.OnlyContain(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^/\S*: [a-z0-9_]+: .+$"));
        error.Should().NotContain("   at ");
    }

    [Fact]
    public async Task Malformed_json_is_one_error_line_without_a_stack_trace()
    {
        var (exit, _, error) = await RunAsync("""{ "type": """);

        exit.Should().Be(1);
        error.Should().StartWith("/: invalid_json: ").And.NotContain("   at ");
        error.Trim().Split('\n').Should().ContainSingle();
    }

    [Fact]
    public async Task An_unknown_time_zone_option_is_an_error_line()
    {
        var (exit, _, error) = await RunAsync("""{ "type": "event" }""", timezone: "Mars/Olympus");

        exit.Should().Be(1);
        error.Should().Contain("invalid_timezone");
    }

    [Fact]
    public async Task A_missing_database_is_one_line_and_exit_1()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await SegmentCommand.RunAsync(new SegmentCommand.Arguments("/no/such.duckdb", "spec.json", false, false, null, null), output, error, CancellationToken.None);

        exit.Should().Be(1);
        error.ToString().Should().Be("duckmart segment: database file not found: /no/such.duckdb" + Environment.NewLine);
    }

    [Fact]
    public async Task A_missing_spec_file_is_one_line_and_exit_1()
    {
        var error = new StringWriter();

        var exit = await SegmentCommand.RunAsync(new SegmentCommand.Arguments(database.Path, Path.Combine(database.Directory, "none.json"), false, false, null, null), new StringWriter(), error, CancellationToken.None);

        exit.Should().Be(1);
        error.ToString().Trim().Split('\n').Should().ContainSingle().Which.Should().StartWith("duckmart segment: ").And.Contain("none.json");
    }

    [Fact]
    public async Task Count_and_sql_together_are_refused()
    {
        var (exit, _, error) = await RunAsync("""{ "type": "event" }""", count: true, sql: true);

        exit.Should().Be(1);
        error.Should().Contain("--count").And.Contain("--sql");
    }

    private const string CaliforniansWhoLoggedIn =
        """{ "type": "and", "of": [ { "type": "attribute", "field": "location", "op": "eq", "value": "California" }, { "type": "event", "name": "LOGIN" } ] }""";

    [Fact]
    public async Task Summary_prints_the_count_the_first_ids_and_the_profile_against_all_users()
    {
        var (exit, output, error) = await RunAsync(CaliforniansWhoLoggedIn, summary: true);

        exit.Should().Be(0, error);
        error.Should().BeEmpty();
        var lines = output.Split('\n');
        lines.Should().Contain("Count       3 of 12 users (25.0%)");
        lines.Should().Contain("First IDs   " + string.Join(", ", SegmentsDatabase.CaliforniansWhoLoggedIn));
        lines.Should().Contain(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^Time        \d+(\.\d\d)? m?s \(profile \d+(\.\d\d)? m?s\)$"));
        lines.Should().Contain("As of       2025-12-31T00:00:00Z (UTC)");
        lines.Should().Contain("Data        9 events from 2025-01-01T00:00:00Z to 2026-01-05T09:00:00Z, 12 users");
        lines.Should().NotContain(l => l.StartsWith("Warning", StringComparison.Ordinal));
        // The profile is POST /segments/profile's: every Californian is in California, against 7 of 12 overall.
        lines.Should().Contain(l => l.StartsWith("Location ", StringComparison.Ordinal) && l.EndsWith("segment      all", StringComparison.Ordinal));
        lines.Should().Contain(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^  California +100\.0% +58\.3%$"));
        lines.Should().Contain(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^  F +66\.7% +50\.0%$"));
        foreach (var label in new[] { "Age", "Location", "Subscription plan", "Device", "Gender" })
        {
            lines.Should().Contain(l => l.StartsWith(label + " ", StringComparison.Ordinal), label);
        }
    }

    [Fact]
    public async Task Summary_of_a_long_segment_shows_the_first_ten_ids_then_an_ellipsis()
    {
        var (exit, output, _) = await RunAsync("""{ "type": "attribute", "field": "userId", "op": "gte", "value": 1 }""", summary: true);

        exit.Should().Be(0);
        output.Split('\n').Should().Contain("First IDs   1, 2, 3, 4, 5, 6, 7, 8, 9, 10, …");
    }

    [Fact]
    public async Task Summary_says_why_a_misspelled_event_finds_no_one()
    {
        var (exit, output, _) = await RunAsync("""{ "type": "event", "name": "LOGN" }""", summary: true);

        exit.Should().Be(0);
        output.Split('\n').Should().Contain("Warning     /where/name: no event is named 'LOGN'; did you mean 'LOGIN'?");
    }

    [Fact]
    public async Task Summary_with_count_or_sql_is_refused()
    {
        foreach (var (count, sql) in new[] { (true, false), (false, true) })
        {
            var (exit, output, error) = await RunAsync(CaliforniansWhoLoggedIn, count: count, sql: sql, summary: true);

            exit.Should().Be(1);
            output.Should().BeEmpty();
            error.Should().Be("duckmart segment: --summary cannot be combined with --count or --sql" + Environment.NewLine);
        }
    }

    [Fact]
    public async Task Plain_segment_still_prints_one_id_a_line_when_summary_exists()
    {
        var (exit, output, _) = await RunAsync(CaliforniansWhoLoggedIn);

        exit.Should().Be(0);
        output.Should().Be("1\n3\n6\n");
    }
}
