using System.Globalization;
using System.Text;
using DuckMart.Data;
using DuckMart.Segments;
using DuckMart.Segments.Dynamics;
using DuckMart.Segments.Spec;

namespace DuckMart.Bench;

/// <summary>
/// Segment dynamics in the report (issue 14): the size at 30 daily points ending at the segment's asOf, in
/// process as POST /segments/sizes runs it, against one evaluation of the same segment (the engine row). Goal:
/// at most 5x. The query-a-point plan is measured too (not with --skip-alternatives), the baseline it replaces.
/// </summary>
public sealed class SizesRunner(DuckMartDb db, ISavedSegments saved, BenchOptions options)
{
    public const int Points = 30;

    public const double Goal = 5.0;

    public Task<Measurement> MeasureAsync(SuiteSegment segment, SizesPlan plan, CancellationToken cancellationToken) =>
        Measure.RunAsync(async ct => RunResult.OfCount(await LastSizeAsync(segment.Body, plan, ct)), options.Warmup, options.Iterations, options.Budget, cancellationToken);

    /// <summary>Whether the one-scan plan answers this segment's series itself (else it is a query a point, not worth timing twice).</summary>
    public bool ReadsEventsOnce(SuiteSegment segment, SizesPlan plan)
    {
        var (request, time, points) = Series(segment.Body);
        return SegmentSizes.ReadsEventsOnce(db, request.Where, points, time.Zone, saved, plan);
    }

    /// <summary>The size at the last point, which is the segment's asOf: it must equal one evaluation's count.</summary>
    private async Task<long> LastSizeAsync(byte[] body, SizesPlan plan, CancellationToken cancellationToken)
    {
        var (request, time, points) = Series(body);
        var sizes = await SegmentSizes.ComputeAsync(db, request.Where, points, time.Zone, saved, cancellationToken, plan);
        return sizes[^1].Count;
    }

    private (SegmentRequest Request, EvaluationTime Time, IReadOnlyList<DateTimeOffset> Points) Series(byte[] body)
    {
        var request = SegmentSpecReader.ReadRequest(body, saved);
        var time = EngineRunner.TimeOf(request);
        var to = new DateTimeOffset(time.AsOfUtc, TimeSpan.Zero);
        return (request, time, SizePoints.Between(to.AddDays(-(Points - 1)), to, TimeSpan.FromDays(1)));
    }

    /// <summary>The report's table: one row a segment, the ratios to one evaluation.</summary>
    public static string Table(BenchRun run)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"| segment | one evaluation p50 | {Points} daily sizes p50 | ÷ one | query a point p50 | ÷ one | buckets p50 | ÷ one | masks p50 | ÷ one | goal ≤ {Goal:0}x | last size = count |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |");
        foreach (var s in run.Segments.Where(s => s.Sizes is not null))
        {
            var one = s.Engine?.Latency?.P50;
            var ratio = Report.Divide(s.Sizes?.Latency?.P50, one);
            var agrees = s.Sizes?.Result is { } last && s.Engine?.Result is { } all ? (last.Count == all.Count ? "yes" : "**NO**") : "?";
            md.AppendLine(CultureInfo.InvariantCulture, $"| {s.Name} | {Report.Fmt(one, "F1", " ms")} | {Report.Fmt(s.Sizes?.Latency?.P50, "F1", " ms")} | {Report.Fmt(ratio, "F1", "x")} | {Report.Fmt(s.SizesPerPoint?.Latency?.P50, "F1", " ms")} | {Report.Fmt(Report.Divide(s.SizesPerPoint?.Latency?.P50, one), "F1", "x")} | {Report.Fmt(s.SizesBuckets?.Latency?.P50, "F1", " ms")} | {Report.Fmt(Report.Divide(s.SizesBuckets?.Latency?.P50, one), "F1", "x")} | {Report.Fmt(s.SizesMasks?.Latency?.P50, "F1", " ms")} | {Report.Fmt(Report.Divide(s.SizesMasks?.Latency?.P50, one), "F1", "x")} | {(ratio is null ? "?" : ratio <= Goal ? "met" : "**missed**")} | {agrees} |");
        }

        return md.ToString().TrimEnd();
    }
}
