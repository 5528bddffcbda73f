using System.Globalization;
using System.Text;
using DuckMart.Data.ClickHouse;
using DuckMart.Segments;
using DuckMart.Segments.Rendering.ClickHouse;

namespace DuckMart.Bench;

/// <summary>
/// <c>--clickhouse</c> (issue 15, docs/scale-out.md): the suite's segments on the two-shard cluster, in the same
/// run and on the same machine as DuckDB. Each is measured as <c>segment --clickhouse</c> runs it (parse,
/// plan, render, one HTTP query to the first shard, every ID read), once with shard-local <c>IN</c> and once
/// with <c>GLOBAL IN</c>; then each shard's half of the work alone (the same predicate over that shard's
/// <c>users_local</c>, sent to that shard only), which is what one machine of a real two-machine cluster would do.
/// </summary>
public sealed class ClickHouseRunner(ClickHouseHttp entry, IReadOnlyList<ClickHouseHttp> shards, ISavedSegments saved, BenchOptions options)
{
    public Task<Measurement> MeasureAsync(SuiteSegment segment, ClickHouseDistribution distribution, CancellationToken cancellationToken) =>
        Measure.RunAsync(
            async ct =>
            {
                var query = Create(segment, distribution);
                return RunResult.OfIds(await query.ReadIdsAsync(entry, null, null, null, ct));
            },
            options.Warmup, options.Iterations, options.Budget, cancellationToken);

    /// <summary>One shard's half: its own users and events only, nothing sent to or merged from the other shard.</summary>
    public Task<Measurement> MeasureShardAsync(SuiteSegment segment, int shard, CancellationToken cancellationToken) =>
        Measure.RunAsync(
            async ct =>
            {
                var query = Create(segment, ClickHouseDistribution.ShardLocal);
                var sql = $"SELECT user_id FROM {ClickHouseSchema.UsersLocal} WHERE {query.Predicate} ORDER BY user_id";
                return RunResult.OfIds(await shards[shard].QueryInt64sAsync(sql, ct, ClickHouseSegmentQuery.Settings(null)));
            },
            options.Warmup, options.Iterations, options.Budget, cancellationToken);

    private ClickHouseSegmentQuery Create(SuiteSegment segment, ClickHouseDistribution distribution)
    {
        var request = SegmentSpecReader.ReadRequest(segment.Body, saved);
        return ClickHouseSegmentQuery.Create(request.Where, EngineRunner.TimeOf(request), saved, entry.Database, distribution);
    }

    /// <summary>The shards' halves must add up to the cluster's answer: together they are the same IDs as the hand SQL.</summary>
    public static void CheckHalves(SegmentResult result)
    {
        if (result.ClickHouseShards.Count == 0 || result.ClickHouseShards.Any(s => s.Result is null) || result.Hand?.Result is not { } hand)
        {
            return;
        }

        var union = result.ClickHouseShards.Sum(s => s.Result!.Count);
        if (union != hand.Count)
        {
            result.Flag("ClickHouse shards alone", $"the halves hold {union} IDs together, expected {hand.Count}");
        }
    }

    /// <summary>The report's table: one row a segment, each ClickHouse way against DuckDB's engine in process.</summary>
    public static string Table(BenchRun run)
    {
        var md = new StringBuilder();
        md.AppendLine("| segment | n | DuckDB engine p50 | ClickHouse local IN p50 | ÷ DuckDB | GLOBAL IN p50 | ÷ DuckDB | shard 1 alone p50 | shard 2 alone p50 | slower half ÷ local IN | ids agree |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var s in run.Segments.Where(s => s.ClickHouseLocal is not null))
        {
            var duck = s.Engine?.Latency?.P50;
            var local = s.ClickHouseLocal?.Latency?.P50;
            var global = s.ClickHouseGlobal?.Latency?.P50;
            var halves = s.ClickHouseShards.Select(h => h.Latency?.P50).ToList();
            var slower = halves.Count > 0 && halves.All(h => h is not null) ? halves.Max() : null;
            var agrees = s.Mismatches.Any(m => m.StartsWith("ClickHouse", StringComparison.Ordinal)) ? "**NO**" : s.ClickHouseLocal?.Result is null ? "?" : "yes";
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {s.Name} | {s.Hand?.Result?.Count.ToString("N0", CultureInfo.InvariantCulture) ?? "?"} | {Ms(s.Engine)} | {Ms(s.ClickHouseLocal)} | {Report.Fmt(Report.Divide(local, duck), "F1", "x")} | {Ms(s.ClickHouseGlobal)} | {Report.Fmt(Report.Divide(global, duck), "F1", "x")} | {Ms(Half(s, 0))} | {Ms(Half(s, 1))} | {Report.Fmt(Report.Divide(slower, local), "F2", "x")} | {agrees} |");
        }

        if (run.ClickHouse is { } load)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"Cluster: {load.Shards} shards of ClickHouse {load.Version} at {load.Url}, both on this machine.");
            md.AppendLine(load.LoadSeconds is { } seconds
                ? string.Create(CultureInfo.InvariantCulture, $"Loaded during this run with the product's own commands: `duckmart transform` {load.TransformSeconds:F0} s (peak RSS {Mib(load.TransformPeakRssBytes)}), then `duckmart load --clickhouse` {seconds:F0} s (peak RSS {Mib(load.LoadPeakRssBytes)}).")
                : "Its data was loaded before this run (it held the same number of users and events as the DuckDB file).");
        }

        return md.ToString().TrimEnd();
    }

    private static Measurement? Half(SegmentResult s, int shard) => shard < s.ClickHouseShards.Count ? s.ClickHouseShards[shard] : null;

    private static string Ms(Measurement? m) =>
        m is null ? "—" : m.Latency is null ? (m.Error is null ? "—" : "error") : m.Latency.P50.ToString("F1", CultureInfo.InvariantCulture) + (m.Latency.N < 5 ? $" [n={m.Latency.N}]" : "");

    private static string Mib(long? bytes) => bytes is { } b ? string.Create(CultureInfo.InvariantCulture, $"{b / 1048576.0:N0} MiB") : "?";
}

/// <summary>The cluster a run measured, and its load when the run did it.</summary>
public sealed record ClickHouseLoad(string Url, int Shards, string Version, double? TransformSeconds, long? TransformPeakRssBytes, double? LoadSeconds, long? LoadPeakRssBytes);
