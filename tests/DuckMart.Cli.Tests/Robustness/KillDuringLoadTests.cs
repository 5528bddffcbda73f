using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Xunit.Abstractions;

namespace DuckMart.Cli.Tests.Robustness;

/// <summary>
/// <c>kill -9</c> of <c>duckmart load</c> at random moments (issue 6, docs/reliability.md): the published database
/// always opens, with exactly the old or exactly the new rows. DUCKMART_KILL_ITERATIONS sets the number of kills
/// (CI: 3; the documented run: 20), DUCKMART_KILL_USERS the size of the data sets.
/// </summary>
public sealed class KillDuringLoadTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("duckmart-kill-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [FactWithCli]
    public void A_load_killed_at_any_moment_leaves_exactly_the_old_or_the_new_data()
    {
        var iterations = FromEnvironment("DUCKMART_KILL_ITERATIONS", 3);
        var users = FromEnvironment("DUCKMART_KILL_USERS", 3_000);
        var transformedA = Transform("a", users, seed: 1);
        var transformedB = Transform("b", users * 2 / 3, seed: 2);
        var served = Path.Combine(_dir, "served.duckdb");
        var reference = Path.Combine(_dir, "reference-b.duckdb");
        Cli(["load", "--from", transformedA, "--db", served]);
        var watch = Stopwatch.StartNew();
        Cli(["load", "--from", transformedB, "--db", reference]);
        var loadTime = watch.Elapsed;
        var countsA = Counts(served);
        var countsB = Counts(reference);
        countsA.Should().NotBe(countsB, "the two data sets must be told apart");

        var random = new Random(FromEnvironment("FUZZ_SEED", 20261125));
        int old = 0, fresh = 0;
        for (var i = 0; i < iterations; i++)
        {
            var before = Counts(served);
            var (from, expectedNew) = before == countsA ? (transformedB, countsB) : (transformedA, countsA);
            var delay = TimeSpan.FromMilliseconds(random.NextDouble() * loadTime.TotalMilliseconds * 1.3);
            using var load = DuckMartCli.Start(["load", "--from", from, "--db", served]);
            Thread.Sleep(delay);
            // Process.Kill is SIGKILL on Unix: no handler, no finally, no flush runs.
            load.Kill(entireProcessTree: true);
            load.WaitForExit();

            var after = Counts(served);
            output.WriteLine($"kill {i + 1} after {delay.TotalMilliseconds:F0} ms (a full load takes {loadTime.TotalMilliseconds:F0} ms): {(after == before ? "old" : after == expectedNew ? "new" : "MIXED")} {after}");
            (after == before || after == expectedNew).Should().BeTrue("kill {0} must leave the old {1} or the new {2}, not {3}", i + 1, before, expectedNew, after);
            if (after == before)
            {
                old++;
            }
            else
            {
                fresh++;
            }
        }

        output.WriteLine($"{iterations} kills: {old} left the old data, {fresh} the new; never anything else");
        // And a load that is not killed still publishes over whatever the kills left behind.
        Cli(["load", "--from", transformedB, "--db", served]);
        Counts(served).Should().Be(countsB);
    }

    private string Transform(string name, int users, int seed)
    {
        var csv = Path.Combine(_dir, name + "-csv");
        var transformed = Path.Combine(_dir, name + "-transformed");
        Cli(["generate", "--out", csv, "--users", users.ToString(CultureInfo.InvariantCulture), "--seed", seed.ToString(CultureInfo.InvariantCulture)]);
        Cli(["transform", "--users", Path.Combine(csv, "users.csv"), "--events", Path.Combine(csv, "events.csv"), "--out", transformed]);
        return transformed;
    }

    private static void Cli(IReadOnlyList<string> args)
    {
        var result = DuckMartCli.Run(args, TimeSpan.FromMinutes(5));
        result.ExitCode.Should().Be(0, "duckmart {0}: {1}", string.Join(' ', args), result.Stderr);
    }

    /// <summary>Opens the file as a server would (read-only, fresh instance) and counts both tables.</summary>
    private static (long Users, long Events) Counts(string path)
    {
        using var connection = new DuckDBConnection($"Data Source={path};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM events)";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static int FromEnvironment(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
