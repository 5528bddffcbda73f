using System.Globalization;

namespace DuckMart.Cli.Tests.ClickHouse;

/// <summary>
/// <c>kill -9</c> of <c>duckmart load --clickhouse</c> half way (CONTRACT.md sections 1 and 6): one shard holds
/// its new rows, the other not yet; the cluster must still answer with exactly the old data.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class KillDuringClickHouseLoadTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_load_killed_after_the_first_shard_is_loaded_leaves_the_old_data_answering()
    {
        var oldData = await Transform("old", users: 300, seed: 1);
        var newData = await Transform("new", users: 200, seed: 2);
        await CliProcess.RunOk($"load --from {oldData} --clickhouse {LiveCluster.Url}");
        var before = await Counts();

        for (var kill = 0; kill < 2; kill++)
        {
            using var load = CliProcess.Start($"load --from {newData} --clickhouse {LiveCluster.Url}");
            // Progress goes to stderr line by line when it is not a terminal; this line comes after shard 1's
            // tables are full and before any rename.
            while (await load.StandardError.ReadLineAsync() is { } line && !line.Contains("shard 1 of 2 loaded", StringComparison.Ordinal))
            {
            }

            // Process.Kill is SIGKILL on Unix: no handler, no finally runs.
            load.Kill(entireProcessTree: true);
            await load.WaitForExitAsync();

            (await Counts()).Should().Be(before, "kill {0} came before the swap", kill + 1);
        }

        // The next load drops what the killed ones left behind and publishes.
        await CliProcess.RunOk($"load --from {newData} --clickhouse {LiveCluster.Url}");
        var after = await Counts();
        after.Should().NotBe(before);
        after.Users.Should().Be(200);
        (await LiveCluster.Rows("SELECT count() FROM system.tables WHERE name LIKE '%_loading'"))[0][0].Should().Be("0");
    }

    private async Task<string> Transform(string name, int users, int seed)
    {
        var csv = _dir.File(name + "-csv");
        var output = _dir.File(name + "-t");
        await CliProcess.RunOk(string.Create(CultureInfo.InvariantCulture,
            $"generate --out {csv} --users {users} --seed {seed} --now 2025-12-31T00:00:00Z"));
        await CliProcess.RunOk($"transform --users {csv}/users.csv --events {csv}/events.csv --out {output}");
        return output;
    }

    private static async Task<(long Users, long Events)> Counts()
    {
        var rows = await LiveCluster.Rows("SELECT (SELECT count() FROM users), (SELECT count() FROM events)");
        return (long.Parse(rows[0][0]!, CultureInfo.InvariantCulture), long.Parse(rows[0][1]!, CultureInfo.InvariantCulture));
    }
}
