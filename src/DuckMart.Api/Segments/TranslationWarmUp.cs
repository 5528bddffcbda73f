using System.Diagnostics;
using System.Text;
using DuckMart.Data;
using DuckMart.Segments;
using LinqToDB.Data;
using Microsoft.Extensions.Options;

namespace DuckMart.Api.Segments;

/// <summary>
/// Pays the first-request costs at start instead of on a user's request: JIT of the reader, the translator,
/// linq2db's query building and SQL rendering, and DuckDB.NET's command path (measured at 30-60 ms per
/// condition type, and several hundred ms for the very first query of the process; see docs/performance.md).
/// <para>
/// Every condition type is read, translated, counted, paged and explained once, on an empty in-memory database
/// with the same schema: nothing the server serves is opened or read, so the warm-up cannot slow a load, hold a
/// lock on the published file or see user data. It runs in the background after start and only logs a failure,
/// so a server that cannot warm up still starts. <c>DuckMart:WarmUp=false</c> turns it off.
/// </para>
/// </summary>
public sealed class TranslationWarmUp(IOptions<SegmentsOptions> options, ILogger<TranslationWarmUp> logger) : BackgroundService
{
    /// <summary>One spec per condition type and shape family; values are arbitrary (the tables are empty).</summary>
    public static readonly IReadOnlyList<string> Specs =
    [
        """{ "where": { "type": "attribute", "field": "age", "op": "between", "value": [25, 34] }, "asOf": "2025-12-31T00:00:00Z" }""",
        """{ "where": { "type": "and", "of": [ { "type": "attribute", "field": "location", "op": "eq", "value": "California" }, { "type": "event", "name": "LOGIN" } ] }, "asOf": "2025-12-31T00:00:00Z" }""",
        """{ "where": { "type": "event", "name": "PURCHASE_MADE", "count": { "op": "gte", "value": 3 }, "window": { "last": "P30D" } }, "asOf": "2025-12-31T00:00:00Z" }""",
        """{ "where": { "type": "and", "of": [ { "type": "event", "name": "ADDED_TO_CART" }, { "type": "not", "of": { "type": "event", "name": "PURCHASE_MADE" } } ] }, "asOf": "2025-12-31T00:00:00Z" }""",
        """{ "where": { "type": "event", "name": "LOGIN", "distinctDays": { "op": "gte", "value": 5 }, "window": { "last": "P30D" } }, "asOf": "2025-12-31T00:00:00Z", "timezone": "America/New_York" }""",
        """{ "where": { "type": "or", "of": [ { "type": "event", "name": "PURCHASE_MADE", "first": { "op": "after", "value": "-P7D" } }, { "type": "event", "name": "LOGIN", "last": { "op": "before", "value": "-P30D" } } ] }, "asOf": "2025-12-31T00:00:00Z" }""",
        """{ "where": { "type": "sequence", "window": { "last": "P30D" }, "steps": [ { "name": "VIEW_PRODUCT" }, { "name": "ADDED_TO_CART", "within": "PT1H" }, { "name": "PURCHASE_MADE", "absent": true, "within": "P1D" } ] }, "asOf": "2025-12-31T00:00:00Z" }""",
        """{ "where": { "type": "not", "of": { "type": "or", "of": [ { "type": "attribute", "field": "deviceType", "op": "in", "value": ["iOS", "Android"], "ignoreCase": true }, { "type": "attribute", "field": "name", "op": "contains", "value": "an" }, { "type": "attribute", "field": "signupDate", "op": "inLast", "value": "P30D" } ] } }, "asOf": "2025-12-31T00:00:00Z" }""",
    ];

    /// <summary>How long the warm-up took, once it has run; cancelled when it is turned off. For tests and diagnostics.</summary>
    public Task<TimeSpan> Completed => completed.Task;

    private readonly TaskCompletionSource<TimeSpan> completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Runs every spec through the engine's whole path once; returns how long that took.</summary>
    public static async Task<TimeSpan> RunAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var db = new DuckMartDb("Data Source=:memory:");
        await db.ExecuteAsync(Schema.CreateUsers, cancellationToken);
        await db.ExecuteAsync(Schema.CreateEvents, cancellationToken);
        foreach (var spec in Specs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var request = SegmentSpecReader.ReadRequest(Encoding.UTF8.GetBytes(spec), NoSavedSegments.Instance);
            var time = EvaluationParameters.Resolve(request, DateTimeOffset.UtcNow, []).Time;
            var query = SegmentQuery.Create(db, request.Where, time, NoSavedSegments.Instance);
            await query.CountAsync(cancellationToken);
            await using (var reader = await query.ReadUserIdsAsync(after: 1, limit: 2, cancellationToken))
            {
                var batch = new long[2];
                while (reader.ReadBatch(batch, cancellationToken) > 0)
                {
                }
            }

            query.Explain();
        }

        return Stopwatch.GetElapsedTime(started);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WarmUp)
        {
            completed.TrySetCanceled(CancellationToken.None);
            return;
        }

        // Off the start-up path: the server listens while this runs.
        await Task.Yield();
        try
        {
            var took = await RunAsync(stoppingToken);
            logger.LogInformation("Segment engine warmed up in {Milliseconds:F0} ms", took.TotalMilliseconds);
            completed.TrySetResult(took);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            completed.TrySetCanceled(stoppingToken);
        }
        catch (Exception e)
        {
            // Only speed is lost: the first real requests pay the JIT as they did before.
            logger.LogWarning(e, "Segment engine warm-up failed");
            completed.TrySetException(e);
        }
    }
}
