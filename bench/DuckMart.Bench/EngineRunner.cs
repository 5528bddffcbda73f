using DuckMart.Data;
using DuckMart.Segments;
using DuckMart.Segments.Spec;

namespace DuckMart.Bench;

/// <summary>
/// (b) in the report: the engine in process, everything a request costs but HTTP: parse and validate the
/// JSON body, translate, execute, read every ID. One connection for the whole run, as the hand SQL has.
/// </summary>
public sealed class EngineRunner(DuckMartDb db, ISavedSegments saved, BenchOptions options)
{
    public Task<Measurement> MeasureAsync(SuiteSegment segment, CancellationToken cancellationToken) =>
        Measure.RunAsync(ct => RunAsync(segment.Body, ct), options.Warmup, options.Iterations, options.Budget, cancellationToken);

    private async Task<RunResult> RunAsync(byte[] body, CancellationToken cancellationToken)
    {
        var request = SegmentSpecReader.ReadRequest(body, saved);
        var query = SegmentQuery.Create(db, request.Where, TimeOf(request), saved);
        var ids = new List<long>();
        await using var reader = await query.ReadUserIdsAsync(null, null, cancellationToken);
        var buffer = new long[4096];
        int n;
        while ((n = reader.ReadBatch(buffer, cancellationToken)) > 0)
        {
            ids.AddRange(buffer.AsSpan(0, n));
        }

        return RunResult.OfIds(ids);
    }

    public static EvaluationTime TimeOf(SegmentRequest request)
    {
        if (!EvaluationTime.TryFindZone(request.Timezone ?? BenchClock.TimeZone, out var zone))
        {
            throw new InvalidOperationException($"unknown time zone {request.Timezone}");
        }

        return new EvaluationTime(request.AsOf ?? BenchClock.AsOf, zone);
    }
}
