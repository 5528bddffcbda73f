using System.Diagnostics;

namespace DuckMart.Bench;

/// <summary>One timed measurement: its latency summary and what the first run returned (for the equality check).</summary>
public sealed record Measurement(Percentiles? Latency, IdSet? Result, string? Error, double? GaveUpAfterMs = null)
{
    public static Measurement Failed(Exception e) => new(null, null, Describe(e));

    public static string Describe(Exception e)
    {
        var inner = e is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerException! : e;
        var line = inner.Message.Split('\n')[0].Trim();
        return $"{inner.GetType().Name}: {(line.Length > 400 ? line[..400] + "…" : line)}";
    }
}

/// <summary>
/// Warm-up runs first (untimed: JIT, caches, DuckDB's buffer pool), then the timed iterations, within a
/// time budget: a path that takes minutes a run (OData paging on big segments, PostgreSQL on anti-joins)
/// gets fewer samples rather than holding the whole run hostage, and is cut off at three budgets.
/// </summary>
public static class Measure
{
    private const int MinSamples = 3;

    public static async Task<Measurement> RunAsync(Func<CancellationToken, Task<RunResult>> run, int warmup, int iterations, TimeSpan budget, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(budget * 3);
        var clock = Stopwatch.StartNew();
        IdSet? first = null;
        var samples = new List<double>(iterations);
        try
        {
            for (var i = 0; i < warmup && (i == 0 || clock.Elapsed < budget); i++)
            {
                var result = await run(limit.Token);
                first ??= result.ToIdSet();
            }

            for (var i = 0; i < iterations; i++)
            {
                if ((samples.Count >= MinSamples && clock.Elapsed > budget) || (samples.Count >= 1 && clock.Elapsed > budget * 2))
                {
                    break;
                }

                var started = Stopwatch.GetTimestamp();
                var result = await run(limit.Token);
                samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                first ??= result.ToIdSet();
            }

            return new Measurement(Percentiles.Of(samples), first, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return samples.Count > 0
                ? new Measurement(Percentiles.Of(samples), first, null)
                : new Measurement(null, first, $"gave up after {clock.Elapsed.TotalSeconds:F0} s (3x the {budget.TotalSeconds:F0} s budget)", clock.Elapsed.TotalMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Measurement.Failed(e);
        }
    }
}
