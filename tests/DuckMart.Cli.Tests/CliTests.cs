namespace DuckMart.Cli.Tests;

/// <summary>CONTRACT.md section 1 through the real program: the summary line, exit codes, one-line errors.</summary>
public class CliTests
{
    private const string Users = "user_id,name,age,gender,location,signup_date,subscription_plan,device_type\n1,Ann,30,,,2024-01-01,,\n1,Dup,30,,,2024-01-01,,\n";
    private const string Events = "user_id,event_name,timestamp\n1,login,2024-03-01T10:00:00Z\n9,LOGIN,2024-03-01T10:00:00Z\n";

    [Fact]
    public async Task Ingest_prints_the_summary_line_and_keeps_the_rejects_beside_the_database()
    {
        using var dir = new TempDirectory();
        var db = dir.File("shop.duckdb");

        var (code, stdout, _) = await CliProcess.Run($"ingest --users {dir.Write("u.csv", Users)} --events {dir.Write("e.csv", Events)} --db {db}");

        code.Should().Be(0);
        stdout.Should().Be("users: 1 loaded, 1 rejected; events: 1 loaded, 1 rejected\n");
        File.ReadAllLines(db + ".rejected-users.csv").Should().HaveCount(2);
        File.ReadAllLines(db + ".rejected-events.csv").Should().HaveCount(2);
        Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName).Should().BeEquivalentTo(
            ["u.csv", "e.csv", "shop.duckdb", "shop.duckdb.rejected-users.csv", "shop.duckdb.rejected-events.csv"]);
    }

    [Fact]
    public async Task Segment_count_and_sizes_through_the_real_command_line()
    {
        // The command's tests call it with parsed arguments; this one goes through the parser, where a left-out
        // array option (--changes, --sizes) once read as given and refused every plain `segment --count`.
        using var dir = new TempDirectory();
        var db = dir.File("shop.duckdb");
        await CliProcess.RunOk($"ingest --users {dir.Write("u.csv", Users)} --events {dir.Write("e.csv", Events)} --db {db}");
        var spec = dir.Write("s.json", """{ "type": "event", "name": "LOGIN" }""");

        var (code, stdout, stderr) = await CliProcess.Run($"segment {spec} --db {db} --count --as-of 2024-04-01T00:00:00Z");
        (code, stderr).Should().Be((0, ""));
        stdout.Should().Be("1\n");

        (code, stdout, stderr) = await CliProcess.Run($"segment {spec} --db {db} --sizes 2024-02-29T00:00:00Z 2024-03-02T00:00:00Z P1D");
        (code, stderr).Should().Be((0, ""));
        stdout.Should().Be("2024-02-29T00:00:00Z\t0\n2024-03-01T00:00:00Z\t0\n2024-03-02T00:00:00Z\t1\n");
    }

    [Fact]
    public async Task Ingest_removes_the_work_directory_of_a_killed_ingest()
    {
        using var dir = new TempDirectory();
        var leftover = Directory.CreateDirectory(dir.File(".shop.duckdb.ingest-" + DeadPid())).FullName;
        File.WriteAllText(Path.Combine(leftover, "events.parquet"), "half written");

        await CliProcess.RunOk($"ingest --users {dir.Write("u.csv", Users)} --events {dir.Write("e.csv", Events)} --db {dir.File("shop.duckdb")}");

        Directory.Exists(leftover).Should().BeFalse();
    }

    [Fact]
    public async Task Timestamps_are_stored_as_utc_whatever_the_local_time_zone()
    {
        using var dir = new TempDirectory();
        var events = "user_id,event_name,timestamp\n1,LOGIN,2024-03-01T10:00:00Z\n1,LOGIN,2024-03-01 12:00:00\n1,LOGIN,2024-07-01T10:00:00+02:00\n";
        var db = dir.File("x.duckdb");

        var (code, _, stderr) = await CliProcess.Run(
            $"ingest --users {dir.Write("u.csv", Users)} --events {dir.Write("e.csv", events)} --db {db}",
            new Dictionary<string, string> { ["TZ"] = "America/New_York" });

        code.Should().Be(0, stderr);
        IngestRun.Query(db, "SELECT CAST(\"timestamp\" AS VARCHAR) FROM events ORDER BY 1").Select(r => r[0])
            .Should().Equal("2024-03-01 10:00:00", "2024-03-01 12:00:00", "2024-07-01 08:00:00");
    }

    [Fact]
    public async Task Piped_progress_is_plain_lines_on_stderr_and_stdout_is_only_the_summary_line()
    {
        using var dir = new TempDirectory();

        var (code, stdout, stderr) = await CliProcess.Run($"ingest --users {dir.Write("u.csv", Users)} --events {dir.Write("e.csv", Events)} --db {dir.File("x.duckdb")}");

        code.Should().Be(0, stderr);
        stdout.Should().Be("users: 1 loaded, 1 rejected; events: 1 loaded, 1 rejected\n");
        // No bar when stderr is not a terminal: no carriage returns or escape codes, whole lines only.
        stderr.Should().NotContain("\r").And.NotContain("\u001b").And.EndWith("\n");
        var lines = stderr.TrimEnd('\n').Split('\n');
        lines.Should().Contain(l => l.StartsWith("transform: users 1 loaded, 1 rejected", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("load: events in ", StringComparison.Ordinal));
        lines[^1].Should().MatchRegex(@"^ingested 4 rows in \d+\.\d s \([\d,]+ rows/s\)$");
    }

    [Fact]
    public async Task Generate_in_CI_prints_a_summary_on_stderr_and_keeps_its_stdout_line()
    {
        using var dir = new TempDirectory();

        var (code, stdout, stderr) = await CliProcess.Run($"generate --out {dir.File("g")} --users 50", new Dictionary<string, string> { ["CI"] = "true" });

        code.Should().Be(0, stderr);
        stdout.Should().StartWith("users: 50 rows (0 dirty); events: ").And.EndWith($" in {dir.File("g")}\n");
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(1);
        stderr.Should().NotContain("\r").And.MatchRegex(@"^generated 50 user rows and [\d,]+ event rows in \d+\.\d s \([\d,]+ rows/s\)\n$");
    }

    [Fact]
    public async Task Generate_without_now_ends_at_the_moment_it_runs_so_recent_windows_are_not_empty()
    {
        using var dir = new TempDirectory();
        var before = DateTime.UtcNow.AddSeconds(-1);

        var (code, stdout, stderr) = await CliProcess.Run($"generate --out {dir.File("g")} --users 200");

        code.Should().Be(0, stderr);
        var latest = File.ReadLines(Path.Combine(dir.File("g"), "events.csv")).Skip(1)
            .Select(l => DateTime.Parse(l.Split(',')[^1], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal))
            .Max();
        latest.Should().BeBefore(DateTime.UtcNow).And.BeAfter(before.AddDays(-2), "the latest events are just before the moment of generation");
        stdout.Should().Contain($", ending before {before:yyyy-MM-dd}");
    }

    [Fact]
    public async Task Generate_with_the_same_now_writes_the_same_bytes()
    {
        using var dir = new TempDirectory();

        await CliProcess.RunOk($"generate --out {dir.File("a")} --users 100 --seed 5 --now 2025-12-31T00:00:00Z");
        await CliProcess.RunOk($"generate --out {dir.File("b")} --users 100 --seed 5 --now 2025-12-31");

        File.ReadAllBytes(Path.Combine(dir.File("a"), "events.csv")).Should().Equal(File.ReadAllBytes(Path.Combine(dir.File("b"), "events.csv")));
        File.ReadAllText(Path.Combine(dir.File("a"), "events.csv")).Should().NotContain("2025-12-31T", "every event is before --now");
    }

    [Fact]
    public async Task Transform_then_load_prints_the_same_summary_line()
    {
        using var dir = new TempDirectory();
        await CliProcess.RunOk($"transform --users {dir.Write("u.csv", Users)} --events {dir.Write("e.csv", Events)} --out {dir.File("t")}");

        var (code, stdout, _) = await CliProcess.Run($"load --from {dir.File("t")} --db {dir.File("x.duckdb")}");

        code.Should().Be(0);
        stdout.Should().Be("users: 1 loaded, 1 rejected; events: 1 loaded, 1 rejected\n");
        IngestRun.Query(dir.File("x.duckdb"), "SELECT event_name FROM events").Single()[0].Should().Be("LOGIN");
    }

    [Theory]
    [InlineData("ingest --users {dir}/missing.csv --events {dir}/e.csv --db {dir}/x.duckdb", 1, "missing.csv: file not found")]
    [InlineData("ingest --users {dir}/e.csv --events {dir}/e.csv --db {dir}/x.duckdb", 1, "e.csv: missing required columns name, age")]
    [InlineData("ingest --users {dir}/u.csv --events {dir}/e.csv --db {dir}/no/such/dir/x.duckdb", 1, "does not exist")]
    [InlineData("ingest --users {dir}/u.csv --events {dir}/binary.csv --db {dir}/x.duckdb", 1, "binary.csv: ")]
    [InlineData("transform --users {dir}/u.csv --events {dir}/e.csv --out /proc/duckmart", 1, "cannot create the output directory")]
    [InlineData("load --from {dir}/nothing --db {dir}/x.duckdb", 1, "directory not found")]
    [InlineData("ingest --users {dir}/u.csv", 2, "Option '--events' is required")]
    [InlineData("frobnicate", 2, "Unrecognized command or argument 'frobnicate'")]
    [InlineData("generate --out {dir}/g --users -5", 2, "--users must be 0 or more")]
    [InlineData("generate --out {dir}/g --now yesterday", 1, "--now: 'yesterday' is not an ISO 8601 instant")]
    public async Task Every_failure_exits_non_zero_with_one_line_on_stderr(string arguments, int exitCode, string message)
    {
        using var dir = new TempDirectory();
        dir.Write("u.csv", Users);
        dir.Write("e.csv", Events);
        File.WriteAllBytes(dir.File("binary.csv"), [0x50, 0x4B, 0x03, 0x04, 0x00, 0xFF, 0x10, 0x0A, 0x01, 0x02]);

        var (code, stdout, stderr) = await CliProcess.Run(arguments.Replace("{dir}", dir.Path, StringComparison.Ordinal));

        code.Should().Be(exitCode);
        stdout.Should().BeEmpty();
        stderr.TrimEnd('\n').Should().StartWith("duckmart: error: ").And.Contain(message).And.NotContain("\n").And.NotContain("   at ");
        File.Exists(dir.File("x.duckdb")).Should().BeFalse();
    }

    [Fact]
    public async Task Every_command_has_help()
    {
        foreach (var command in new[] { "generate", "transform", "load", "ingest" })
        {
            var (code, stdout, _) = await CliProcess.Run($"{command} --help");
            code.Should().Be(0);
            stdout.Should().Contain($"duckmart {command} [options]");
        }
    }

    private static int DeadPid()
    {
        using var process = System.Diagnostics.Process.Start("true")!;
        process.WaitForExit();
        return process.Id;
    }
}
