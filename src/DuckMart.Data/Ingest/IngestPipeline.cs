namespace DuckMart.Data.Ingest;

/// <summary>
/// CSV in, validated and typed Parquet out (CONTRACT.md "CSV input"). Users first, because an event
/// is kept only if its user was loaded; both files are streamed, so memory holds the set of user ids
/// and two row groups of events, whatever the size of events.csv.
/// </summary>
public sealed class IngestPipeline(Action<string>? progress = null)
{
    private const int ProgressEvery = 5_000_000;
    private const int AdvancedEvery = 65_536;
    private readonly System.Diagnostics.Stopwatch _watch = new();
    private long _totalBytes;
    private long _bytesBefore;
    private long _rowsBefore;

    /// <summary>
    /// For a progress bar, every 65,536 rows: the step ("users" or "events"), the rows read so far in both
    /// files, and the share (0..1) of the input bytes read.
    /// </summary>
    public Action<string, long, double>? Advanced { get; init; }

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

        _totalBytes = Math.Max(1, new FileInfo(usersCsv).Length + new FileInfo(eventsCsv).Length);
        (_bytesBefore, _rowsBefore) = (0, 0);
        var (usersLoaded, usersRejected, loadedIds) = await TransformUsersAsync(users, outDir, ct);
        (_bytesBefore, _rowsBefore) = (new FileInfo(usersCsv).Length, usersLoaded + usersRejected);
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
        long rows = 0;
        await using (parquet)
        {
            while (reader.Read())
            {
                if (++rows % AdvancedEvery == 0)
                {
                    Advance("users", input, rows);
                }

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
                if (++rows % AdvancedEvery == 0)
                {
                    Advance("events", input, rows);
                }

                if (rows % ProgressEvery == 0)
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

    private void Advance(string step, CsvInput input, long rows) =>
        Advanced?.Invoke(step, _rowsBefore + rows, (double)(_bytesBefore + input.Reader.ByteOffset) / _totalBytes);
}
