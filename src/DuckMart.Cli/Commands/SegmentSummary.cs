using System.Diagnostics;
using System.Globalization;
using System.Text;
using DuckMart.Api.Dataset;
using DuckMart.Api.Profiles;
using DuckMart.Data;
using DuckMart.Segments;
using DuckMart.Segments.Spec;

namespace DuckMart.Cli.Commands;

/// <summary>
/// <c>duckmart segment --summary</c>: a small table for a person at a terminal: the count, the time the query
/// took, the first IDs, and the profile of POST /segments/profile (the same <see cref="SegmentProfiler"/>) as
/// percentages of the segment against all users, with what the loaded data covers and the answer's warnings (an
/// unknown event name, a window outside the data: why a count is 0). Not a format for scripts: those use the plain
/// ID lines or --count.
/// </summary>
public static class SegmentSummary
{
    public const int FirstIds = 10;

    public static async Task WriteAsync(DuckMartDb db, SegmentQuery query, Condition where, EvaluationTime time, TextWriter output, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        // The count and the first IDs in one query.
        long count;
        var first = new long[FirstIds];
        int read;
        await using (var ids = await query.ReadUserIdsAsync(null, FirstIds, ct))
        {
            read = ids.ReadBatch(first, ct);
            count = ids.Count ?? read;
        }

        var queryTime = watch.Elapsed;
        watch.Restart();
        var profile = await SegmentProfiler.ProfileAsync(db, query.Predicate, time, ct);
        var profileTime = watch.Elapsed;

        var vocabulary = await DatasetReader.ReadAsync(db, ct);
        var warnings = SegmentWarnings.Find(where, time, vocabulary);
        await output.WriteAsync(Format(count, first[..read], queryTime, profileTime, profile, vocabulary.Dataset, warnings));
        await output.FlushAsync(ct);
    }

    /// <summary>The table; separate from the queries so that its layout can be tested and read on its own.</summary>
    public static string Format(
        long count, IReadOnlyList<long> first, TimeSpan queryTime, TimeSpan profileTime, SegmentProfile profile,
        DatasetSummary? dataset = null, IReadOnlyList<SegmentWarning>? warnings = null)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        void Row(string name, string value) => text.Append(c, $"{name,-12}{value}\n");

        Row("Count", $"{count.ToString("N0", c)} of {profile.Total.ToString("N0", c)} users ({Percent(count, profile.Total)})");
        Row("Time", $"{Seconds(queryTime)} (profile {Seconds(profileTime)})");
        Row("As of", $"{profile.AsOf.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", c)} ({profile.Timezone})");
        if (dataset is not null)
        {
            Row("Data", dataset.FirstEvent is { } from && dataset.LastEvent is { } to
                ? $"{dataset.Events.ToString("N0", c)} events from {Instant(from)} to {Instant(to)}, {dataset.Users.ToString("N0", c)} users"
                : $"no events, {dataset.Users.ToString("N0", c)} users");
        }

        foreach (var warning in warnings ?? [])
        {
            Row("Warning", $"{warning.Pointer}: {warning.Message}");
        }

        Row("First IDs", first.Count == 0
            ? "(none)"
            : string.Join(", ", first.Select(id => id.ToString(c))) + (count > first.Count ? ", …" : ""));

        var width = profile.Dimensions.SelectMany(d => d.Buckets).Select(b => b.Key.Length + 2)
            .Concat(profile.Dimensions.Select(d => d.Label.Length + 1)).Append(14).Max();
        foreach (var dimension in profile.Dimensions)
        {
            text.Append('\n').Append(c, $"{dimension.Label.PadRight(width)}{"segment",9}{"all",9}\n");
            foreach (var bucket in dimension.Buckets)
            {
                text.Append(c, $"{("  " + bucket.Key).PadRight(width)}{Percent(bucket.Segment, count),9}{Percent(bucket.All, profile.Total),9}\n");
            }
        }

        return text.ToString();
    }

    private static string Instant(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Percent(long part, long whole) =>
        whole == 0 ? "-" : ((double)part / whole * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";

    private static string Seconds(TimeSpan t) =>
        t.TotalSeconds < 1
            ? t.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture) + " ms"
            : t.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) + " s";
}
