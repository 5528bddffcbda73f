using DuckMart.Api.Dataset;
using DuckMart.Api.Tests.Segments.Fixtures;
using DuckMart.Cli.Commands;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace DuckMart.Api.Tests.Cli;

/// <summary>Issue 16 point 4: what `duckmart serve` prints for a person, and the logs' formats.</summary>
public sealed class ServeOutputTests
{
    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public void An_explicit_log_format_is_passed_on_as_configuration(string format) =>
        ServeCommand.LogFormatArgs(format).Should().Equal($"--DuckMart:LogFormat={format}");

    [Fact]
    public async Task Json_log_timestamps_end_with_Z_and_no_stray_space()
    {
        await using var app = DuckMartApp.Build(new ApiSettings("unused.duckdb"), ["--DuckMart:LogFormat=json"]);

        var format = app.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue.TimestampFormat;

        format.Should().NotBeNull();
        new DateTime(2026, 12, 7, 8, 1, 2, 345, DateTimeKind.Utc).ToString(format, System.Globalization.CultureInfo.InvariantCulture)
            .Should().Be("2026-12-07T08:01:02.345Z");
    }

    [Fact]
    public async Task Text_logs_are_single_lines_for_a_terminal()
    {
        await using var app = DuckMartApp.Build(new ApiSettings("unused.duckdb"), ["--DuckMart:LogFormat=text"]);

        var options = app.Services.GetRequiredService<IOptionsMonitor<SimpleConsoleFormatterOptions>>().CurrentValue;
        options.SingleLine.Should().BeTrue();
        app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName.Should().NotBe(ConsoleFormatterNames.Json);
    }

    [Fact]
    public async Task The_banner_says_what_data_is_served_then_a_plain_ready_line_with_the_url()
    {
        using var database = SegmentsDatabase.Brief();
        await using var app = DuckMartApp.Build(new ApiSettings(database.Path, "http://127.0.0.1:0"));
        await app.StartAsync();
        var output = new StringWriter();

        await ServeBanner.WriteAsync(app, "data/duckmart.duckdb", output, CancellationToken.None);
        await app.StopAsync();

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("Serving data/duckmart.duckdb: 12 users, 9 events from 2025-01-01 00:00 to 2026-01-05 09:00 UTC");
        lines.Should().Contain(l => l.StartsWith("Ready: open http://127.0.0.1:", StringComparison.Ordinal) && l.EndsWith("/ for the segment builder. Ctrl+C stops the server.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_data_set_without_events_says_so() =>
        ServeBanner.Describe(new DatasetSummary(3, 0, null, null)).Should().Be("3 users, no events");
}
