using DuckMart.Cli;

namespace DuckMart.Api.Tests.Cli;

/// <summary>The progress reporter of generate, transform, load and ingest: a bar on a terminal, plain lines otherwise, stderr only.</summary>
public sealed class ProgressTests
{
    [Fact]
    public void Not_on_a_terminal_only_step_lines_and_the_end_summary_are_written()
    {
        var error = new StringWriter();
        using (var progress = new Progress(error, interactive: false))
        {
            progress.Update("transform events", 0.5, 1_000);
            progress.Line("transform: users 10 loaded, 0 rejected (0.1 s)");
            progress.Update("load", 1, 2_000);
            progress.Finish("ingested 2,000 rows", 2_000);
        }

        var text = error.ToString();
        text.Should().NotContain("\r").And.NotContain("\u001b").And.NotContain("[#");
        var lines = text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(2);
        lines[0].Should().Be("transform: users 10 loaded, 0 rejected (0.1 s)");
        lines[1].Should().MatchRegex(@"^ingested 2,000 rows in \d+\.\d s \([\d,]+ rows/s\)$");
    }

    [Fact]
    public void On_a_terminal_the_bar_is_redrawn_in_place_and_cleared_before_the_summary()
    {
        var error = new StringWriter();
        using (var progress = new Progress(error, interactive: true))
        {
            progress.Update("generate", 0.25, 500);
            progress.Line("a step");
            progress.Finish("generated 2,000 rows", 2_000);
        }

        var text = error.ToString();
        text.Should().StartWith("\rgenerate ").And.Contain("25%").And.Contain("500 rows");
        text.Should().Contain("\r\u001b[Ka step" + Environment.NewLine);
        text.Should().NotContain("a step" + Environment.NewLine + "\rgenerate", "a message does not redraw a stale bar under itself");
        text.Should().MatchRegex(@"a step" + Environment.NewLine + @"generated 2,000 rows in \d+\.\d s \([\d,]+ rows/s\)" + Environment.NewLine + "$");
    }

    [Fact]
    public void The_bar_shows_percent_rows_rate_and_eta()
    {
        var line = Progress.Format("transform events", 0.5, 1_000_000, TimeSpan.FromSeconds(10));

        line.Should().Be("transform events   [############............]  50%  1,000,000 rows  100,000 rows/s  10.0 s  ETA 10.0 s");
    }

    [Fact]
    public void No_rate_or_eta_before_the_rate_means_anything_or_when_the_step_moves_in_jumps()
    {
        Progress.Format("generate", 0.05, 50_000, TimeSpan.FromMilliseconds(10)).Should().EndWith("- rows/s  0.0 s  ETA --");
        Progress.Format("load", 0.02, 20_000, TimeSpan.FromSeconds(2), eta: false).Should().EndWith("20,000 rows  - rows/s  2.0 s  ETA --");
    }
}
