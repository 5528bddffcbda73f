using DuckMart.Api.Tests.Segments.Fixtures;
using DuckMart.Cli.Commands;

namespace DuckMart.Api.Tests.Segments;

/// <summary><c>duckmart segment --changes FROM TO</c> and <c>--sizes FROM TO EVERY</c>: plain lines when piped, a table on a terminal.</summary>
public sealed class SegmentDynamicsCommandTests : IDisposable
{
    private const string CaliforniaLogin = """{ "type": "and", "of": [ { "type": "attribute", "field": "location", "op": "eq", "value": "California" }, { "type": "event", "name": "LOGIN" } ] }""";

    private readonly SegmentsDatabase database = SegmentsDatabase.Brief();

    public void Dispose() => database.Dispose();

    private async Task<(int Exit, string Out, string Err)> RunAsync(string[]? changes = null, string[]? sizes = null, bool table = false, string? asOf = null)
    {
        var file = Path.Combine(database.Directory, $"spec-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, CaliforniaLogin);
        var output = new StringWriter();
        var error = new StringWriter();
        var args = new SegmentCommand.Arguments(database.Path, file, false, false, asOf, null) { Changes = changes, Sizes = sizes, Table = table };
        var exit = await SegmentCommand.RunAsync(args, output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Changes_piped_are_one_line_per_user_who_moved()
    {
        var (exit, output, error) = await RunAsync(changes: ["1900-01-01T00:00:00Z", SegmentsDatabase.AsOf]);

        exit.Should().Be(0, error);
        output.Should().Be(string.Join("", SegmentsDatabase.CaliforniansWhoLoggedIn.Select(i => $"entered\t{i}\n")));
    }

    [Fact]
    public async Task Changes_on_a_terminal_are_a_table_with_the_counts()
    {
        var (exit, output, error) = await RunAsync(changes: ["1900-01-01T00:00:00Z", SegmentsDatabase.AsOf], table: true);

        exit.Should().Be(0, error);
        output.Should().Contain("entered").And.Contain("1 3 6").And.Contain("stayed");
    }

    [Fact]
    public async Task Sizes_piped_are_one_line_a_point()
    {
        var (exit, output, error) = await RunAsync(sizes: ["2025-12-29T00:00:00Z", SegmentsDatabase.AsOf, "P1D"]);

        exit.Should().Be(0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Select(l => l.Split('\t')[0]).Should().Equal("2025-12-29T00:00:00Z", "2025-12-30T00:00:00Z", SegmentsDatabase.AsOf);
        lines[^1].Should().Be($"{SegmentsDatabase.AsOf}\t{SegmentsDatabase.CaliforniansWhoLoggedIn.Length}");
    }

    [Fact]
    public async Task Sizes_on_a_terminal_are_a_table_with_a_header()
    {
        var (exit, output, _) = await RunAsync(sizes: ["2025-12-29T00:00:00Z", SegmentsDatabase.AsOf, "P1D"], table: true);

        exit.Should().Be(0);
        output.Should().StartWith("asOf").And.Contain("users");
    }

    [Theory]
    [InlineData(new[] { "yesterday", SegmentsDatabase.AsOf }, null, "invalid_as_of")]
    [InlineData(new[] { SegmentsDatabase.AsOf, "2025-01-01T00:00:00Z" }, null, "invalid_window")]
    [InlineData(null, new[] { "2025-01-01T00:00:00Z", SegmentsDatabase.AsOf, "PT1M" }, "too_many_points")]
    [InlineData(null, new[] { "2025-01-01T00:00:00Z", SegmentsDatabase.AsOf, "P1M" }, "invalid_duration")]
    public async Task Bad_values_fail_with_one_line_naming_the_code(string[]? changes, string[]? sizes, string code)
    {
        var (exit, output, error) = await RunAsync(changes, sizes);

        exit.Should().Be(1);
        output.Should().BeEmpty();
        error.Should().Contain(code);
    }

    [Fact]
    public async Task As_of_does_not_combine_with_dynamics()
    {
        var (exit, _, error) = await RunAsync(sizes: ["2025-12-29T00:00:00Z", SegmentsDatabase.AsOf, "P1D"], asOf: SegmentsDatabase.AsOf);

        exit.Should().Be(1);
        error.Should().Contain("--sizes");
    }
}
