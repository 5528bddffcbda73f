using System.Diagnostics;

namespace DuckMart.Bench;

/// <summary>Throughput and latency of one concurrency level.</summary>
public sealed record ConcurrencyResult(int Clients, int Requests, int Errors, double Seconds, double RequestsPerSecond, Percentiles Latency, string? FirstError);

/// <summary>
/// N clients each sending the next request of a mixed workload (every suite segment, countOnly and with
/// all IDs, in turn) for a fixed time. Bounded in time and in count, loopback only.
/// </summary>
public sealed class ConcurrencyRunner(HttpRunner http)
{
    private const int MaxRequestsPerLevel = 50_000;

    public async Task<ConcurrencyResult> RunAsync(IReadOnlyList<byte[]> workload, int clients, TimeSpan duration, CancellationToken cancellationToken)
    {
        var next = -1;
        var errors = 0;
        string? firstError = null;
        var latencies = new List<double>[clients];
        var clock = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, clients).Select(async client =>
        {
            var mine = latencies[client] = [];
            while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref next);
                if (n >= MaxRequestsPerLevel)
                {
                    break;
                }

                var started = Stopwatch.GetTimestamp();
                try
                {
                    await http.PostAsync(workload[n % workload.Count], cancellationToken);
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, Measurement.Describe(e), null);
                }
            }
        }).ToArray();
        await Task.WhenAll(tasks);
        var seconds = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).ToList();
        return new ConcurrencyResult(clients, all.Count, errors, seconds, all.Count / seconds, Percentiles.Of(all), firstError);
    }
}
