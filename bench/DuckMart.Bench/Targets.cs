using System.Globalization;

namespace DuckMart.Bench;

/// <summary>One row of issue 5's targets table, judged against a run.</summary>
public sealed record TargetResult(string What, string Target, string Measured, string Status);

/// <summary>
/// Issue 5's targets (stated for 1M users / 50M events, warm p50), each compared with what the run measured.
/// A target the run could not measure says so rather than passing.
/// </summary>
public static class Targets
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static IEnumerable<TargetResult> Evaluate(BenchRun run)
    {
        var segments = run.Segments;
        SegmentResult? Find(string prefix) => segments.FirstOrDefault(s => s.Name.StartsWith(prefix, StringComparison.Ordinal));

        var ratios = segments
            .Select(s => (s.Name, Ratio: Report.Divide(s.Engine?.Latency?.P50, s.Hand?.Latency?.P50)))
            .Where(r => r.Ratio is not null)
            .ToList();
        if (ratios.Count == 0)
        {
            yield return NotMeasured("engine vs best hand-written SQL, each segment", "<= 1.25x, geometric mean <= 1.1x", "engine did not run");
        }
        else
        {
            var worst = ratios.MaxBy(r => r.Ratio)!;
            var geo = Report.GeoMean(ratios.Select(r => r.Ratio!.Value).ToList());
            var over = ratios.Count(r => r.Ratio > 1.25);
            yield return new TargetResult(
                "engine vs best hand-written SQL, each segment",
                "<= 1.25x, geometric mean <= 1.1x",
                string.Create(Invariant, $"worst {worst.Ratio:F2}x ({worst.Name}), geometric mean {geo:F2}x over {ratios.Count}"),
                over == 0 && geo <= 1.1
                    ? "met"
                    : string.Create(Invariant, $"missed: {over} segment(s) over 1.25x, worst by {worst.Ratio / 1.25:F2}x; geometric mean {(geo <= 1.1 ? "met" : $"over by {geo / 1.1:F2}x")}"));
        }

        var overheads = segments
            .Where(s => s.HttpIds?.Latency is not null && s.Engine?.Latency is not null && s.Hand?.Result is not null)
            .Select(s =>
            {
                var overhead = s.HttpIds!.Latency!.P50 - s.Engine!.Latency!.P50;
                var allowed = 1.0 + (50e-6 * s.Hand!.Result!.Count);
                return (s.Name, Overhead: overhead, Allowed: allowed);
            })
            .ToList();
        if (overheads.Count == 0)
        {
            yield return NotMeasured("HTTP overhead over the engine", "<= 1 ms + 50 ns per returned ID", "no HTTP and engine timings");
        }
        else
        {
            var worst = overheads.MaxBy(o => o.Overhead - o.Allowed);
            var missed = overheads.Count(o => o.Overhead > o.Allowed);
            yield return new TargetResult(
                "HTTP overhead over the engine (all IDs, p50 difference)",
                "<= 1 ms + 50 ns per returned ID",
                string.Create(Invariant, $"worst {worst.Name}: {worst.Overhead:F1} ms vs {worst.Allowed:F1} ms allowed"),
                missed == 0 ? "met" : string.Create(Invariant, $"missed on {missed} segment(s), worst by {worst.Overhead - worst.Allowed:F1} ms"));
        }

        var translations = segments.Select(s => s.Translation).Where(t => t is { Error: null }).ToList();
        if (translations.Count == 0)
        {
            yield return NotMeasured("translation on a cache hit / miss", "<= 0.2 ms / <= 5 ms", "translation did not run");
        }
        else
        {
            var hit = translations.MaxBy(t => t!.Hits!.P50)!;
            var miss = translations.MaxBy(t => t!.MissMs)!;
            var reused = translations.Count(t => t!.SameSqlForOtherValues == true);
            var ok = hit.Hits!.P50 <= 0.2 && miss.MissMs <= 5;
            yield return new TargetResult(
                "translation on a cache hit / miss",
                "<= 0.2 ms / <= 5 ms",
                string.Create(Invariant, $"worst hit p50 {hit.Hits.P50:F3} ms ({hit.Segment}), worst miss {miss.MissMs:F2} ms ({miss.Segment}); same SQL for other values in {reused} of {translations.Count}"),
                ok ? "met" : string.Create(Invariant, $"missed: hit {(hit.Hits.P50 <= 0.2 ? "met" : $"{hit.Hits.P50 / 0.2:F1}x over")}, miss {(miss.MissMs <= 5 ? "met" : $"{miss.MissMs / 5:F1}x over")}"));
        }

        yield return Latency("attribute-only segment", 10, Find("01"), Find("02"));
        yield return Latency("location + LOGIN (brief example 2)", 60, Find("03"));
        yield return Latency("count >= N in a window", 50, Find("04"));
        yield return Latency("did A, never B", 150, Find("05"));
        yield return Latency("3-step sequence with `within`", 300, Find("10"));

        var pg = segments
            .Where(s => s.Name is not ("01-age-band" or "02-brief-age-25-34"))
            .Select(s => (s.Name, Times: Report.Divide(s.Postgres?.Latency?.P50, s.Engine?.Latency?.P50)))
            .Where(p => p.Times is not null)
            .ToList();
        if (pg.Count == 0)
        {
            yield return NotMeasured("vs PostgreSQL with indexes, event segments", ">= 5x faster", "no PostgreSQL and engine timings");
        }
        else
        {
            var slowest = pg.MinBy(p => p.Times)!;
            var below = pg.Count(p => p.Times < 5);
            yield return new TargetResult(
                "vs PostgreSQL with indexes, event segments (PG p50 ÷ engine p50)",
                ">= 5x faster",
                string.Create(Invariant, $"least {slowest.Times:F1}x ({slowest.Name}), geometric mean {Report.GeoMean(pg.Select(p => p.Times!.Value).ToList()):F1}x over {pg.Count}"),
                below == 0 ? "met" : string.Create(Invariant, $"missed on {below} segment(s), least by {5 / slowest.Times:F1}x"));
        }

        yield return run.Data?.Users >= 10_000_000
            ? new TargetResult("10M users / 500M events", "ingests and answers; numbers reported", $"this run: {run.Data.Users:N0} users", "see the tables above")
            : NotMeasured("10M users / 500M events", "ingests and answers; numbers reported", "not run in this report (`make bench BENCH_ARGS=\"--users 10000000\"`)");
    }

    private static TargetResult Latency(string what, double targetMs, params SegmentResult?[] segments)
    {
        var measured = segments.Where(s => s?.Engine?.Latency is not null).Select(s => (s!.Name, P50: s.Engine!.Latency!.P50)).ToList();
        if (measured.Count == 0)
        {
            return NotMeasured(what, $"<= {targetMs} ms", "engine did not run");
        }

        var worst = measured.MaxBy(m => m.P50);
        return new TargetResult(
            what,
            string.Create(Invariant, $"<= {targetMs} ms"),
            string.Create(Invariant, $"engine p50 {worst.P50:F1} ms ({worst.Name})"),
            worst.P50 <= targetMs ? "met" : string.Create(Invariant, $"missed by {worst.P50 - targetMs:F1} ms ({worst.P50 / targetMs:F2}x)"));
    }

    private static TargetResult NotMeasured(string what, string target, string why) => new(what, target, "—", $"not measured: {why}");
}
