using System.Diagnostics;

namespace DuckMart.Bench;

/// <summary>Throughput and latency of one concurrency level; errors by kind (an HTTP status such as 429, or an exception type).</summary>
public sealed record ConcurrencyResult(int Clients, int Requests, int Refused, int Errors, IReadOnlyDictionary<string, int> ErrorKinds, double Seconds, double RequestsPerSecond, Percentiles Latency, string? FirstError);

/// <summary>
/// N clients each sending the next request of a mixed workload (every suite segment, countOnly and with
/// all IDs, in turn) for a fixed time. Bounded in time and in count, loopback only.
/// A <c>429</c> is the server's concurrency limit doing its job (4 running + 8 queued by default): the client
/// does what the answer's <c>Retry-After</c> asks (the server sends 1 s), and the latency counts from the first
/// attempt to the answer, as a caller would see it. Refusals are reported apart from errors.
/// </summary>
public sealed class ConcurrencyRunner(HttpRunner http)
{
    private const int MaxRequestsPerLevel = 50_000;

    /// <summary>What the server's 429 asks for (DuckMart:Queries:RetryAfterSeconds, default 1).</summary>
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    public async Task<ConcurrencyResult> RunAsync(IReadOnlyList<byte[]> workload, int clients, TimeSpan duration, CancellationToken cancellationToken)
    {
        var next = -1;
        var errors = 0;
        var refused = 0;
        var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
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
                    var answered = false;
                    while (!answered)
                    {
                        try
                        {
                            await http.PostAsync(workload[n % workload.Count], cancellationToken);
                            answered = true;
                        }
                        catch (HttpRequestException e) when (e.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
                        {
                            Interlocked.Increment(ref refused);
                            if (clock.Elapsed >= duration)
                            {
                                break; // the level is over: a request still refused then is neither answered nor an error
                            }

                            await Task.Delay(RetryAfter, cancellationToken);
                        }
                    }

                    if (answered)
                    {
                        mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Interlocked.Increment(ref errors);
                    var kind = e is HttpRequestException { StatusCode: { } status } ? ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture) : e.GetType().Name;
                    lock (kinds)
                    {
                        kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
                    }

                    Interlocked.CompareExchange(ref firstError, Measurement.Describe(e), null);
                }
            }
        }).ToArray();
        await Task.WhenAll(tasks);
        var seconds = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).ToList();
        return new ConcurrencyResult(clients, all.Count, refused, errors, kinds, seconds, all.Count / seconds, Percentiles.Of(all), firstError);
    }
}
