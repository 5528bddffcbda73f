using DuckMart.Data;
using LinqToDB.Data;

namespace DuckMart.Api.Dataset;

/// <summary>
/// Where the served data's <see cref="DataVocabulary"/> is read from: the engine that answers the segments, so that
/// GET /dataset, GET /dataset/vocabulary and every answer's warnings describe the data the segments ran on.
/// <see cref="DuckDbDatasetSource"/> by default; <c>serve --clickhouse</c> registers the cluster's.
/// </summary>
public interface IDatasetSource
{
    /// <summary>A key of the data version a request's connection reads: a new key means a new read.</summary>
    string VersionOf(DuckMartDb db);

    /// <summary>The key of the version current now (GET /dataset, the warm-up).</summary>
    string CurrentVersion();

    /// <summary>Whether there is anything to read yet (no warm-up, and no warning logged, before a first load).</summary>
    bool Exists { get; }

    Task<DataVocabulary> ReadAsync(CancellationToken ct);

    /// <summary>What GET /health names as the served database: the DuckDB file, or the cluster.</summary>
    string Name { get; }

    /// <summary>A cheap probe of the served database (GET /health): throws when it cannot be read.</summary>
    Task CheckAsync(CancellationToken ct);
}

/// <summary>The published DuckDB file: each published version opens through its own link, so its connection string is the key.</summary>
public sealed class DuckDbDatasetSource(DuckMartDatabase database) : IDatasetSource
{
    public string VersionOf(DuckMartDb db) => db.ConnectionString ?? database.Path;

    public string CurrentVersion()
    {
        using var db = database.Open();
        return VersionOf(db);
    }

    public bool Exists => File.Exists(database.Path);

    public string Name => database.Path;

    public async Task CheckAsync(CancellationToken ct)
    {
        await using var db = database.Open();
        await db.ExecuteAsync<int>("SELECT 1", ct);
    }

    public async Task<DataVocabulary> ReadAsync(CancellationToken ct)
    {
        // Its own connection, not the caller's: the read outlives a request that is cancelled while it runs.
        await using var db = database.Open();
        return await DatasetReader.ReadAsync(db, ct);
    }
}
