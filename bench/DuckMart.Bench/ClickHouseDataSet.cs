using System.Diagnostics;
using System.Globalization;
using DuckMart.Data.ClickHouse;

namespace DuckMart.Bench;

/// <summary>
/// The bench data in the cluster: loaded with the product's own <c>duckmart transform</c> and <c>duckmart load
/// --clickhouse</c> (timed, with each child's peak RSS) unless the cluster already holds as many users and events
/// as the DuckDB file. The transformed Parquet goes to a temporary directory, so the CSV directory (which may be a
/// shared, read-only data set) gets no rejects files.
/// </summary>
public static class ClickHouseDataSet
{
    public static async Task<ClickHouseLoad> EnsureAsync(
        DuckMartCli cli, ClickHouseHttp entry, ClickHouseCluster cluster, string dataDir, DataSet data, bool reload, CancellationToken cancellationToken)
    {
        var version = (await entry.QueryAsync("SELECT version()", cancellationToken)).Rows[0][0] ?? "?";
        var load = new ClickHouseLoad(entry.Endpoint.ToString(), cluster.Shards.Count, version, null, null, null, null);
        if (!reload && await CountsAsync(entry, cancellationToken) == (data.Users, data.Events))
        {
            Console.Error.WriteLine("  the cluster already holds this data set (same user and event counts): not reloaded");
            return load;
        }

        var csv = Path.Combine(dataDir, $"csv-{data.Users}");
        var work = Path.Combine(Path.GetTempPath(), $"duckmart-bench-clickhouse-{Environment.ProcessId}");
        try
        {
            var (transformSeconds, transformRss) = await RunMeasuredAsync(cli, cancellationToken,
                "transform", "--users", Path.Combine(csv, "users.csv"), "--events", Path.Combine(csv, "events.csv"), "--out", work);
            var (loadSeconds, loadRss) = await RunMeasuredAsync(cli, cancellationToken, "load", "--from", work, "--clickhouse", entry.Endpoint.ToString());
            var counts = await CountsAsync(entry, cancellationToken);
            if (counts != (data.Users, data.Events))
            {
                throw new InvalidOperationException($"the cluster holds {counts.Users} users and {counts.Events} events after the load, the DuckDB file {data.Users} and {data.Events}");
            }

            Console.Error.WriteLine($"  transform {transformSeconds:F0} s, load --clickhouse {loadSeconds:F0} s");
            return load with { TransformSeconds = transformSeconds, TransformPeakRssBytes = transformRss, LoadSeconds = loadSeconds, LoadPeakRssBytes = loadRss };
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static async Task<(long Users, long Events)> CountsAsync(ClickHouseHttp entry, CancellationToken cancellationToken)
    {
        try
        {
            var rows = await entry.QueryAsync("SELECT (SELECT count() FROM users), (SELECT count() FROM events)", cancellationToken);
            return (long.Parse(rows.Rows[0][0]!, CultureInfo.InvariantCulture), long.Parse(rows.Rows[0][1]!, CultureInfo.InvariantCulture));
        }
        catch (ClickHouseException)
        {
            return (-1, -1); // no tables yet: a first load
        }
    }

    /// <summary>Runs a command to the end: its wall time, and its peak RSS (VmHWM, sampled until it exits).</summary>
    private static async Task<(double Seconds, long? PeakRssBytes)> RunMeasuredAsync(DuckMartCli cli, CancellationToken cancellationToken, params string[] args)
    {
        Console.Error.WriteLine($"  $ duckmart {string.Join(' ', args)}");
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(cli.StartInfo(args)) ?? throw new InvalidOperationException("could not start duckmart");
        long? peak = null;
        while (!process.HasExited)
        {
            peak = Math.Max(peak ?? 0, PeakRss(process.Id) ?? 0);
            try
            {
                await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
            catch (TimeoutException)
            {
                // still running: sample again
            }
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"duckmart {args[0]} exited with {process.ExitCode}");
        }

        return (Stopwatch.GetElapsedTime(started).TotalSeconds, peak is 0 ? null : peak);
    }

    private static long? PeakRss(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return null; // it exited between the check and the read
        }
    }
}
