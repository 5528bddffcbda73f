using System.Data;
using System.Data.Common;
using System.Globalization;

namespace DuckMart.Data;

/// <summary>
/// How a serving DuckDB instance is locked down and bounded, in one place (docs/reliability.md).
/// The statements are instance-wide in DuckDB, so <see cref="Apply"/> runs them on the first connection
/// of each database instance and is a no-op once <c>lock_configuration</c> is on.
/// </summary>
/// <remarks>
/// Apply them after the database file is open: with <c>enable_external_access=false</c> DuckDB refuses to
/// open or ATTACH any other file, which is the point. Loads (<c>duckmart load</c>) must not use them.
/// </remarks>
public sealed record ServingSettings
{
    private static readonly Lock Gate = new();

    /// <summary>
    /// DuckDB's buffer pool for all queries together; beyond it operators spill to <see cref="TempDirectory"/>
    /// and a query that still cannot fit fails alone with an out-of-memory error (a 503) instead of the
    /// process being killed. DuckDB's own default is 80% of RAM, which leaves the .NET heap nothing.
    /// </summary>
    public string MemoryLimit { get; init; } = "4GB";

    /// <summary>DuckDB worker threads per instance; defaults to the cores, as the concurrency limit is sized on them.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Where big joins, sorts and aggregates spill; per process so that two servers never share files.</summary>
    public string TempDirectory { get; init; } =
        Path.Combine(Path.GetTempPath(), $"duckmart-spill-{Environment.ProcessId}");

    /// <summary>A runaway query may not fill the disk either.</summary>
    public string MaxTempDirectorySize { get; init; } = "20GB";

    public static ServingSettings Default { get; } = FromEnvironment();

    /// <summary>The settings with overrides from <c>DUCKMART_MEMORY_LIMIT</c>, <c>DUCKMART_DUCKDB_THREADS</c>, <c>DUCKMART_TEMP_DIRECTORY</c>.</summary>
    public static ServingSettings FromEnvironment()
    {
        var settings = new ServingSettings();
        if (Environment.GetEnvironmentVariable("DUCKMART_MEMORY_LIMIT") is { Length: > 0 } memory)
        {
            settings = settings with { MemoryLimit = memory };
        }

        if (int.TryParse(Environment.GetEnvironmentVariable("DUCKMART_DUCKDB_THREADS"), CultureInfo.InvariantCulture, out var threads) && threads > 0)
        {
            settings = settings with { Threads = threads };
        }

        if (Environment.GetEnvironmentVariable("DUCKMART_TEMP_DIRECTORY") is { Length: > 0 } temp)
        {
            settings = settings with { TempDirectory = temp };
        }

        return settings;
    }

    /// <summary>The statements, in the order they must run: limits first, then the lock-down, the lock last.</summary>
    public IReadOnlyList<string> Statements =>
    [
        $"SET memory_limit = {SqlText.Quote(MemoryLimit)}",
        $"SET threads = {Threads.ToString(CultureInfo.InvariantCulture)}",
        // The lock below covers session options too, so no connection can SET its own zone later:
        // every connection starts in UTC, as the stored timestamps are, and a request's zone goes into the SQL.
        "SET GLOBAL TimeZone = 'UTC'",
        // OData sorts NULL first ascending and last descending, and its $skiptoken paging assumes so; DuckDB's
        // default (NULLs last both ways) lost rows when paging by a column with NULLs. Segment queries order
        // by user_id, never NULL, so one database-wide order serves both.
        "SET GLOBAL default_null_order = 'nulls_first_on_asc_last_on_desc'",
        // Set while external access is still allowed: it names a path outside the database.
        $"SET temp_directory = {SqlText.Quote(TempDirectory)}",
        $"SET max_temp_directory_size = {SqlText.Quote(MaxTempDirectorySize)}",
        // No read_csv('/etc/passwd'), COPY TO, ATTACH or httpfs from a query, whatever reaches the SQL.
        "SET enable_external_access = false",
        // Extensions are code: none is downloaded or loaded behind our back while serving.
        "SET autoinstall_known_extensions = false",
        "SET autoload_known_extensions = false",
        "SET allow_community_extensions = false",
        // Last: no later statement (a query, an injected SET) can undo any of the above.
        "SET lock_configuration = true",
    ];

    /// <summary>Locks down the database instance behind <paramref name="connection"/> (opened if closed). Idempotent and thread-safe.</summary>
    public static void Apply(DbConnection connection, ServingSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.State != ConnectionState.Open)
        {
            connection.Open();
        }

        // One instance is shared by every connection to the same file: apply once, and never race two
        // connections into it (the second would find the configuration locked halfway).
        lock (Gate)
        {
            if (IsLocked(connection))
            {
                return;
            }

            foreach (var statement in (settings ?? Default).Statements)
            {
                using var command = connection.CreateCommand();
                command.CommandText = statement;
                command.ExecuteNonQuery();
            }
        }
    }

    /// <summary>Whether the instance's configuration is already locked (settings applied, by us or anyone).</summary>
    public static bool IsLocked(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT current_setting('lock_configuration')";
        return command.ExecuteScalar() is true;
    }
}
