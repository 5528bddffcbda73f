using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace DuckMart.Cli.Tests.Robustness;

/// <summary>
/// Malformed and hostile CSV files through the real <c>duckmart transform</c> (issue 6, docs/reliability.md):
/// the program never crashes (no stack trace, no hang), fails with one line or rejects rows with reasons,
/// loses no row silently, and writes rejects files that are safe to open in a spreadsheet.
/// </summary>
public sealed partial class CsvRobustnessTests(ITestOutputHelper output) : IDisposable
{
    private const string UsersHeader = "user_id,name,age,gender,location,signup_date,subscription_plan,device_type";
    private const string EventsHeader = "user_id,event_name,timestamp";

    /// <summary>Cell starts that a spreadsheet reads as a formula (OWASP CSV injection).</summary>
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    private readonly string _dir = Directory.CreateTempSubdirectory("duckmart-csv-").FullName;

    public static TheoryData<string> Variants => new(Cases.Keys);

    private static Dictionary<string, Func<(byte[] Users, byte[] Events, int? UserRecords, int? EventRecords)>> Cases => new()
    {
        ["valid"] = () => Sound(ValidUsers(), ValidEvents()),
        ["ragged rows"] = () => Sound(
            [.. ValidUsers(), "21,Short,30", "22,Long,30,F,Texas,2024-01-01,free,iOS,extra,extra,extra", "23", ","],
            [.. ValidEvents(), "1,LOGIN", "2,LOGIN,2025-01-01T00:00:00Z,extra", "3"]),
        ["stray quotes"] = () => Raw(
            Lines([.. ValidUsers(), "24,An\"n,30,F,Texas,2024-01-01,free,iOS", "25,\"Bob\"x,30,M,Texas,2024-01-01,free,iOS", "26,\"Unclosed,30,M,Texas,2024-01-01,free,iOS", "27,Cara,31,F,Texas,2024-01-01,free,iOS"]),
            Lines([.. ValidEvents(), "1,\"LOG\"IN\",2025-01-01T00:00:00Z", "2,LOGIN,\"2025-01-01"])),
        ["huge fields"] = () => Raw(
            Lines([.. ValidUsers(), $"28,{new string('n', 600_000)},30,F,Texas,2024-01-01,free,iOS", $"29,{new string('x', 3_000_000)},30,F,Texas,2024-01-01,free,iOS", "30,After,30,F,Texas,2024-01-01,free,iOS"]),
            Lines([.. ValidEvents(), $"1,{new string('E', 2_000_000)},2025-01-01T00:00:00Z"])),
        ["utf-16 file"] = () => Raw([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(string.Join("\n", ValidUsers()) + "\n")], Lines(ValidEvents())),
        ["latin-1 bytes"] = () => Raw(
            [.. Lines(ValidUsers()), .. Encoding.Latin1.GetBytes("31,Ren\u00e9e,30,F,Z\u00fcrich,2024-01-01,free,iOS\n")],
            Lines(ValidEvents())),
        ["binary junk"] = () => Raw([.. Lines(ValidUsers()), .. Junk(1), .. "\n"u8, .. "32,Zed,30,M,Texas,2024-01-01,free,iOS\n"u8], [.. Lines(ValidEvents()), .. Junk(2)]),
        ["nul bytes"] = () => Raw(Lines([.. ValidUsers(), "33,Nu\0ll,30,F,Texas,2024-01-01,free,iOS", "3\u00004,Nul,30,F,Texas,2024-01-01,free,iOS"]), Lines([.. ValidEvents(), "1,LO\0GIN,2025-01-01T00:00:00Z"])),
        ["formula injection in rejected rows"] = () => Sound(
            [.. ValidUsers(), "35,=HYPERLINK(\"http://evil\"),-5,F,Texas,2024-01-01,free,iOS", "36,+cmd|' /C calc'!A0,abc,M,@SUM(A1),2024-01-01,free,iOS", "=1+1,Eve,30,F,Texas,2024-01-01,free,iOS", "37,\"\t=1\",200,F,Texas,2024-01-01,free,iOS", "38,-2+3,30,F,Texas,not-a-date,free,iOS"],
            [.. ValidEvents(), "9999,=cmd,2025-01-01T00:00:00Z", "1,@evil,not-a-time", "-1,+x,2025-01-01T00:00:00Z", "1,,2025-01-01T00:00:00Z"]),
        ["crlf and cr line endings"] = () => Raw(Encoding.UTF8.GetBytes(string.Join("\r\n", ValidUsers()) + "\r\n"), Encoding.UTF8.GetBytes(string.Join("\r", ValidEvents()) + "\r")),
        ["utf-8 bom"] = () => Raw([.. Encoding.UTF8.GetPreamble(), .. Lines(ValidUsers())], [.. Encoding.UTF8.GetPreamble(), .. Lines(ValidEvents())]),
        ["header only"] = () => Sound([UsersHeader], [EventsHeader]),
        ["empty files"] = () => Raw([], []),
        ["many columns"] = () => Raw(Lines([UsersHeader + string.Concat(Enumerable.Range(0, 5_000).Select(i => $",extra{i}")), "1,Ann,30,F,Texas,2024-01-01,free,iOS" + new string(',', 5_000)]), Lines([EventsHeader, "1,LOGIN,2025-01-01T00:00:00Z"])),
        ["missing column"] = () => Raw(Lines(["user_id,name", "1,Ann"]), Lines(ValidEvents())),
    };

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [TheoryWithCli]
    [MemberData(nameof(Variants))]
    public void A_malformed_csv_never_crashes_the_transform(string variant)
    {
        var (users, events, userRecords, eventRecords) = Cases[variant]();
        var usersPath = Path.Combine(_dir, "users.csv");
        var eventsPath = Path.Combine(_dir, "events.csv");
        var outDir = Path.Combine(_dir, "out");
        File.WriteAllBytes(usersPath, users);
        File.WriteAllBytes(eventsPath, events);

        var result = DuckMartCli.Run(["transform", "--users", usersPath, "--events", eventsPath, "--out", outDir], TimeSpan.FromSeconds(120));

        output.WriteLine($"{variant}: exit {result.ExitCode} in {result.Elapsed.TotalMilliseconds:F0} ms\nstdout: {result.Stdout}\nstderr: {result.Stderr}");
        result.Crashed.Should().BeFalse("{0}: {1}", variant, result.Stderr);
        if (result.ExitCode != 0)
        {
            // A file it cannot read at all: one clear line, as the contract says.
            result.Stderr.Trim().Split('\n').Should().ContainSingle(variant).Which.Should().StartWith("duckmart: error:");
            return;
        }

        var summary = Summary().Match(result.Stdout);
        summary.Success.Should().BeTrue("transform ends with its summary line: {0}", result.Stdout);
        long Count(string group) => long.Parse(summary.Groups[group].Value, CultureInfo.InvariantCulture);
        var rejectedUsers = RejectedRows(Path.Combine(outDir, "rejected-users.csv"));
        var rejectedEvents = RejectedRows(Path.Combine(outDir, "rejected-events.csv"));
        rejectedUsers.Should().HaveCount((int)Count("ur"), "every rejected user is in the rejects file");
        rejectedEvents.Should().HaveCount((int)Count("er"), "every rejected event is in the rejects file");
        if (userRecords is { } expectedUsers)
        {
            (Count("ul") + Count("ur")).Should().Be(expectedUsers, "no user row is silently dropped");
        }

        if (eventRecords is { } expectedEvents)
        {
            (Count("el") + Count("er")).Should().Be(expectedEvents, "no event row is silently dropped");
        }
    }

    [TheoryWithCli]
    [MemberData(nameof(Variants))]
    public void Rejects_files_are_safe_to_open_in_a_spreadsheet(string variant)
    {
        var (users, events, _, _) = Cases[variant]();
        var usersPath = Path.Combine(_dir, "users.csv");
        var eventsPath = Path.Combine(_dir, "events.csv");
        var outDir = Path.Combine(_dir, "out");
        File.WriteAllBytes(usersPath, users);
        File.WriteAllBytes(eventsPath, events);

        var result = DuckMartCli.Run(["transform", "--users", usersPath, "--events", eventsPath, "--out", outDir], TimeSpan.FromSeconds(120));

        result.Crashed.Should().BeFalse(result.Stderr);
        foreach (var file in new[] { "rejected-users.csv", "rejected-events.csv" }.Select(f => Path.Combine(outDir, f)).Where(File.Exists))
        {
            var rows = CsvCells.Parse(File.ReadAllText(file));
            rows.Should().NotBeEmpty();
            rows[0].Take(2).Should().Equal("line", "reason");
            foreach (var row in rows.Skip(1))
            {
                row.Should().NotContain(cell => cell.Length > 0 && FormulaStarts.Contains(cell[0]), "{0} holds a formula-like cell: {1}", Path.GetFileName(file), string.Join(" | ", row));
            }
        }
    }

    [FactWithCli]
    public void Rejected_rows_name_their_line_and_reason()
    {
        var (users, events, _, _) = Cases["formula injection in rejected rows"]();
        var usersPath = Path.Combine(_dir, "users.csv");
        var eventsPath = Path.Combine(_dir, "events.csv");
        var outDir = Path.Combine(_dir, "out");
        File.WriteAllBytes(usersPath, users);
        File.WriteAllBytes(eventsPath, events);

        DuckMartCli.Run(["transform", "--users", usersPath, "--events", eventsPath, "--out", outDir], TimeSpan.FromSeconds(120)).ExitCode.Should().Be(0);

        var rejected = RejectedRows(Path.Combine(outDir, "rejected-users.csv"));
        rejected.Should().HaveCount(5);
        rejected.Should().OnlyContain(r => long.Parse(r[0], CultureInfo.InvariantCulture) > 1 && r[1].Length > 0);
        RejectedRows(Path.Combine(outDir, "rejected-events.csv")).Should().HaveCount(4).And.OnlyContain(r => r[1].Length > 0);
    }

    private static List<List<string>> RejectedRows(string path) =>
        File.Exists(path) ? [.. CsvCells.Parse(File.ReadAllText(path)).Skip(1).Where(r => r.Count > 1 || r[0].Length > 0)] : [];

    /// <summary>20 well-formed users, ids 1..20.</summary>
    private static string[] ValidUsers() =>
        [UsersHeader, .. Enumerable.Range(1, 20).Select(i => $"{i},User {i},{20 + i},{(i % 2 == 0 ? "F" : "M")},California,2024-01-{i:00},free,iOS")];

    /// <summary>40 well-formed events of those users.</summary>
    private static string[] ValidEvents() =>
        [EventsHeader, .. Enumerable.Range(0, 40).Select(i => $"{1 + i % 20},{(i % 3 == 0 ? "LOGIN" : "added to cart")},2025-01-{1 + i % 28:00}T10:00:00Z")];

    /// <summary>A file whose records are exactly its data lines, so loaded + rejected must equal their count.</summary>
    private static (byte[], byte[], int?, int?) Sound(string[] users, string[] events) =>
        (Lines(users), Lines(events), users.Length - 1, events.Length - 1);

    private static (byte[], byte[], int?, int?) Raw(byte[] users, byte[] events) => (users, events, null, null);

    private static byte[] Lines(string[] lines) => Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");

    private static byte[] Junk(int seed)
    {
        var bytes = new byte[4_096];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [GeneratedRegex(@"users: (?<ul>\d+) loaded, (?<ur>\d+) rejected; events: (?<el>\d+) loaded, (?<er>\d+) rejected")]
    private static partial Regex Summary();
}
