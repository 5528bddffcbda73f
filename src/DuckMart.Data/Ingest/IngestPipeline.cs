namespace DuckMart.Data.Ingest;

/// <summary>
/// CSV in, validated and typed Parquet out (CONTRACT.md "CSV input"). Users first, because an event
/// is kept only if its user was loaded; both files are streamed, so memory holds the set of user ids
/// and two row groups of events, whatever the size of events.csv.
/// </summary>
public sealed class IngestPipeline(Action<string>? progress = null)
{
    private const int ProgressEvery = 5_000_000;
    private readonly System.Diagnostics.Stopwatch _watch = new();

    public async Task<TransformSummary> TransformAsync(string usersCsv, string eventsCsv, string outDir, CancellationToken ct = default)
    {
        _watch.Restart();
        // Both headers are checked before anything is written: a wrong file fails fast and leaves no output.
        using var users = CsvInput.Open(usersCsv, CsvColumns.Users);
        using var events = CsvInput.Open(eventsCsv, CsvColumns.Events);
        try
        {
            Directory.CreateDirectory(outDir);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IngestException($"{outDir}: cannot create the output directory ({ex.Message})", ex);
        }

        var (usersLoaded, usersRejected, loadedIds) = await TransformUsersAsync(users, outDir, ct);
        var (eventsLoaded, eventsRejected) = await TransformEventsAsync(events, loadedIds, outDir, ct);
        var summary = new TransformSummary(usersLoaded, usersRejected, eventsLoaded, eventsRejected);
        summary.Save(outDir);
        return summary;
    }

    private async Task<(long Loaded, long Rejected, IReadOnlySet<long> Ids)> TransformUsersAsync(CsvInput input, string outDir, CancellationToken ct)
    {
        var reader = new UserCsvReader(input);
        using var rejects = new RejectsWriter(Path.Combine(outDir, TransformedFiles.RejectedUsers), input.Header);
        var parquet = await UserParquetWriter.CreateAsync(Path.Combine(outDir, TransformedFiles.Users), ct);
        await using (parquet)
        {
            while (reader.Read())
            {
                if (reader.Parse(out var user) is { } reason)
                {
                    rejects.Write(input, reason);
                    continue;
                }

                await parquet.AddAsync(user, ct);
            }
        }

        progress?.Invoke($"transform: users {parquet.Written:N0} loaded, {rejects.Count:N0} rejected ({_watch.Elapsed.TotalSeconds:F1} s)");
        return (parquet.Written, rejects.Count, reader.Loaded);
    }

    private async Task<(long Loaded, long Rejected)> TransformEventsAsync(CsvInput input, IReadOnlySet<long> users, string outDir, CancellationToken ct)
    {
        var reader = new EventCsvReader(input, users);
        using var rejects = new RejectsWriter(Path.Combine(outDir, TransformedFiles.RejectedEvents), input.Header);
        var parquet = await EventParquetWriter.CreateAsync(Path.Combine(outDir, TransformedFiles.Events), ct);
        long rows = 0;
        await using (parquet)
        {
            while (reader.Read())
            {
                if (++rows % ProgressEvery == 0)
                {
                    ct.ThrowIfCancellationRequested();
                    progress?.Invoke($"transform: events {rows:N0} rows read ({_watch.Elapsed.TotalSeconds:F1} s)");
                }

                if (reader.Parse(out var userId, out var name, out var timestamp) is { } reason)
                {
                    rejects.Write(input, reason);
                    continue;
                }

                await parquet.AddAsync(userId, name, timestamp, ct);
            }
        }

        progress?.Invoke($"transform: events {parquet.Written:N0} loaded, {rejects.Count:N0} rejected ({_watch.Elapsed.TotalSeconds:F1} s)");
        return (parquet.Written, rejects.Count);
    }
}
