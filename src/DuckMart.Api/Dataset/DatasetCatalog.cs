using DuckMart.Data;

namespace DuckMart.Api.Dataset;

/// <summary>
/// The <see cref="DataVocabulary"/> of the data being served, read once per published version and kept:
/// every answer's warnings look words up in it, so it must cost a dictionary lookup, not a scan of the events.
/// <para>
/// A version is told apart by the <see cref="IDatasetSource"/>'s key: on DuckDB the connection string a request's
/// <see cref="DuckMartDb"/> opened (each published file opens through its own link, so a load gives a new key).
/// One read runs at a time per version, shared by the requests that wait for it; a failed read is forgotten,
/// so the next request tries again, and the callers carry on without warnings.
/// </para>
/// </summary>
public sealed class DatasetCatalog(IDatasetSource source, ILogger<DatasetCatalog> logger)
{
    /// <summary>A bound on one read, so that a stuck read cannot hold every later answer's warnings.</summary>
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(60);

    private readonly Lock _lock = new();
    private (string Key, Task<DataVocabulary> Read)? _current;

    /// <summary>The vocabulary of the version <paramref name="db"/> reads; null when it cannot be read (logged).</summary>
    public async Task<DataVocabulary?> GetAsync(DuckMartDb db, CancellationToken ct)
    {
        return await GetAsync(source.VersionOf(db), ct);
    }

    /// <summary>The vocabulary of whatever version is current (GET /dataset, the warm-up).</summary>
    public Task<DataVocabulary?> GetAsync(CancellationToken ct) => GetAsync(source.CurrentVersion(), ct);

    private async Task<DataVocabulary?> GetAsync(string key, CancellationToken ct)
    {
        Task<DataVocabulary> read;
        lock (_lock)
        {
            if (_current is not { } current || current.Key != key || current.Read.IsFaulted || current.Read.IsCanceled)
            {
                _current = (key, Task.Run(ReadAsync, CancellationToken.None));
            }

            read = _current.Value.Read;
        }

        try
        {
            return await read.WaitAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "The data's vocabulary could not be read; answers carry no warnings until it can");
            return null;
        }
    }

    private async Task<DataVocabulary> ReadAsync()
    {
        using var timeout = new CancellationTokenSource(ReadTimeout);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var vocabulary = await source.ReadAsync(timeout.Token);
        logger.LogInformation(
            "Read the data's vocabulary in {Milliseconds:F0} ms: {Users} users, {Events} events, {EventNames} event names",
            System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, vocabulary.Dataset.Users, vocabulary.Dataset.Events, vocabulary.Events.Items.Count);
        return vocabulary;
    }
}
