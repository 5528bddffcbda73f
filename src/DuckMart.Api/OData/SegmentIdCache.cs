using DuckMart.Data;
using DuckMart.Segments;

namespace DuckMart.Api.OData;

/// <summary>
/// The sorted IDs of recently paged OData filters (<see cref="ContinuationPages"/>), one entry per database version
/// and plan, so a client following next links evaluates its whole filter once instead of once a page: each page
/// reads only where it ends here, and the page itself is the engine's SQL over that range of users. Bounded: at most
/// <see cref="MaxIds"/> IDs in all (8 bytes each, 64 MiB), the least recently used dropped first, every entry gone
/// after <see cref="Lifetime"/>; a segment larger than the whole budget is not kept (its pages run as before).
/// Keyed by the connection string, which names the published version's own file, so a new version never reads
/// an older version's IDs.
/// </summary>
public sealed class SegmentIdCache(TimeProvider clock)
{
    public const int MaxIds = 8_000_000;

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _held;

    /// <summary>The query's sorted IDs if they are held, without reading them.</summary>
    public long[]? Peek(DuckMartDb db, SegmentQuery query)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            if (_entries.TryGetValue(Key(db, query), out var hit) && now - hit.Read < Lifetime)
            {
                hit.Used = now;
                return hit.Ids;
            }
        }

        return null;
    }

    /// <summary>The query's sorted IDs, read on a miss (and then kept unless larger than the whole budget).</summary>
    public long[] Get(DuckMartDb db, SegmentQuery query, CancellationToken cancellationToken)
    {
        if (Peek(db, query) is { } held)
        {
            return held;
        }

        // Read outside the lock: two clients paging the same new filter at once may both read it, never wait.
        var key = Key(db, query);
        var now = clock.GetUtcNow();
        var ids = Read(query, cancellationToken);
        if (ids.Length > MaxIds)
        {
            return ids;
        }

        lock (_lock)
        {
            if (_entries.Remove(key, out var stale))
            {
                _held -= stale.Ids.Length;
            }

            foreach (var expired in _entries.Where(e => now - e.Value.Read >= Lifetime).Select(e => e.Key).ToList())
            {
                Drop(expired);
            }

            while (_held + ids.Length > MaxIds && _entries.Count > 0)
            {
                Drop(_entries.MinBy(e => e.Value.Used).Key);
            }

            _entries[key] = new Entry(ids, now) { Used = now };
            _held += ids.Length;
        }

        return ids;
    }

    // The plan printed names every value it holds, so equal keys are the same segment.
    private static string Key(DuckMartDb db, SegmentQuery query) => db.ConnectionString + "\n" + query.ExplainPlan();

    /// <summary>
    /// Every ID through DuckDB.NET's own reader, as <c>POST /segments</c> reads them: linq2db's row mapping cost
    /// several times more (160k IDs: 15 ms against 4, FACTS.md). Synchronous, as the query provider that calls it
    /// is: no thread waits on a task. The request's deadline interrupts the running query through the connection
    /// (<see cref="Reliability.QueryDeadline.Interrupt"/>, set by <see cref="ODataConnection.ForOData"/>), and the
    /// token is checked before it and between batches.
    /// </summary>
    private static long[] Read(SegmentQuery query, CancellationToken cancellationToken)
    {
        using var reader = query.ReadUserIds(cancellationToken);
        var ids = new List<long>();
        var buffer = new long[8192];
        int n;
        while ((n = reader.ReadBatch(buffer, cancellationToken)) > 0)
        {
            ids.AddRange(buffer.AsSpan(0, n));
        }

        return [.. ids];
    }

    private void Drop(string key)
    {
        if (_entries.Remove(key, out var entry))
        {
            _held -= entry.Ids.Length;
        }
    }

    private sealed record Entry(long[] Ids, DateTimeOffset Read)
    {
        public DateTimeOffset Used { get; set; }
    }
}
