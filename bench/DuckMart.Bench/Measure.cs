using System.Diagnostics;

namespace DuckMart.Bench;

/// <summary>One timed measurement: its latency summary and what the first run returned (for the equality check).</summary>
public sealed record Measurement(Percentiles? Latency, IdSet? Result, string? Error)
{
    public static Measurement Failed(Exception e) => new(null, null, Describe(e));

    public static string Describe(Exception e)
    {
        var inner = e is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerException! : e;
        var line = inner.Message.Split('\n')[0].Trim();
        return $"{inner.GetType().Name}: {(line.Length > 160 ? line[..160] + "…" : line)}";
    }
}

/// <summary>Warm-up runs first (untimed: JIT, caches, DuckDB's buffer pool), then the timed iterations.</summary>
public static class Measure
{
    public static async Task<Measurement> RunAsync(Func<CancellationToken, Task<RunResult>> run, int warmup, int iterations, CancellationToken cancellationToken)
    {
        try
        {
            IdSet? first = null;
            for (var i = 0; i < warmup; i++)
            {
                var result = await run(cancellationToken);
                first ??= result.ToIdSet();
            }

            var samples = new List<double>(iterations);
            for (var i = 0; i < iterations; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var started = Stopwatch.GetTimestamp();
                var result = await run(cancellationToken);
                samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                first ??= result.ToIdSet();
            }

            return new Measurement(Percentiles.Of(samples), first, null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Measurement.Failed(e);
        }
    }
}
