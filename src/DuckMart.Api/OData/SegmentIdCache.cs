using DuckMart.Data;
using DuckMart.Segments;

namespace DuckMart.Api.OData;

/// <summary>
/// The sorted IDs of recently paged OData filters (<see cref="ContinuationPages"/>), one entry per database version
/// and plan, so a client following next links evaluates its filter once instead of once a page. Bounded: at most
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

    /// <summary>The query's sorted IDs, read on a miss (and then kept unless larger than the whole budget).</summary>
    public long[] Get(DuckMartDb db, SegmentQuery query)
    {
        // The plan printed names every value it holds, so equal keys are the same segment.
        var key = db.ConnectionString + "\n" + query.ExplainPlan();
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var hit) && now - hit.Read < Lifetime)
            {
                hit.Used = now;
                return hit.Ids;
            }
        }

        // Read outside the lock: two clients paging the same new filter at once may both read it, never wait.
        var ids = query.UserIds.ToArray();
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
