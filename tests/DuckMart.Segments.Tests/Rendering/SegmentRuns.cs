namespace DuckMart.Segments.Tests.Rendering;

/// <summary>Runs a segment the way the API does (its own SQL, from the translation cache or linq2db), not through LINQ.</summary>
internal static class SegmentRuns
{
    public static async Task<long[]> IdsAsync(SegmentQuery query)
    {
        await using var reader = await query.ReadUserIdsAsync(null, null, CancellationToken.None);
        var ids = new List<long>();
        var buffer = new long[1024];
        int n;
        while ((n = reader.ReadBatch(buffer, CancellationToken.None)) > 0)
        {
            ids.AddRange(buffer.AsSpan(0, n));
        }

        return [.. ids];
    }

    public static long[] Ids(SegmentQuery query) => IdsAsync(query).GetAwaiter().GetResult();
}
