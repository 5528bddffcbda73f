namespace DuckMart.Bench;

/// <summary>What one timed run returned, kept raw so that sorting and hashing stay out of the timing.</summary>
public readonly record struct RunResult(List<long>? Ids, long Count, Func<IdSet>? Parse = null)
{
    /// <summary>An answer whose IDs are parsed only if it is the one checked (an HTTP body).</summary>
    public static RunResult Deferred(Func<IdSet> parse) => new(null, 0, parse);

    public static RunResult OfIds(List<long> ids) => new(ids, ids.Count);

    public static RunResult OfCount(long count) => new(null, count);

    public IdSet ToIdSet() => Parse?.Invoke() ?? (Ids is null ? IdSet.FromCount(Count) : IdSet.FromIds(Ids));
}

/// <summary>
/// The user IDs one way of evaluating a segment returned, sorted, with a hash, so that every way can be
/// checked against the hand-written SQL: a benchmark of a wrong answer is worthless.
/// </summary>
public sealed class IdSet
{
    private readonly long[] _ids;

    private IdSet(long[] sortedIds, long count)
    {
        _ids = sortedIds;
        Count = count;
        var hash = 14695981039346656037UL;
        foreach (var id in sortedIds)
        {
            hash = (hash ^ (ulong)id) * 1099511628211UL;
        }

        Hash = sortedIds.Length == 0 && count > 0 ? "count-only" : hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }

    public long Count { get; }

    /// <summary>FNV-1a over the sorted IDs; "count-only" when only a count was returned.</summary>
    public string Hash { get; }

    public bool HasIds => _ids.Length == Count;

    public static IdSet FromIds(List<long> ids)
    {
        var array = ids.ToArray();
        Array.Sort(array);
        return new IdSet(array, array.Length);
    }

    public static IdSet FromCount(long count) => new([], count);

    /// <summary>Null when equal; otherwise what differs, with a few example IDs.</summary>
    public string? Difference(IdSet expected)
    {
        if (!HasIds || !expected.HasIds)
        {
            return Count == expected.Count ? null : $"count {Count}, expected {expected.Count}";
        }

        if (Count == expected.Count && Hash == expected.Hash)
        {
            return null;
        }

        var extra = _ids.Except(expected._ids).Take(5).ToArray();
        var missing = expected._ids.Except(_ids).Take(5).ToArray();
        return $"count {Count}, expected {expected.Count}; extra e.g. [{string.Join(", ", extra)}], missing e.g. [{string.Join(", ", missing)}]";
    }
}
