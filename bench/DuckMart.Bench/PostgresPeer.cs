using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace DuckMart.Bench;

/// <summary>
/// The peer: the same data in a private PostgreSQL cluster (Debian's package), started by the harness in
/// DIR/pg on a free loopback port and stopped at the end. Loaded once from CSVs exported by DuckDB, so it
/// holds exactly the rows ingest kept, with the indexes a PostgreSQL expert would give these queries.
/// </summary>
public sealed class PostgresPeer : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _dataDir;
    private bool _started;

    private PostgresPeer(string bin, string dataDir, int port)
    {
        _bin = bin;
        _dataDir = dataDir;
        Port = port;
    }

    public int Port { get; }

    public string Version { get; private set; } = "";

    public double? LoadSeconds { get; private set; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=duckmart;Pooling=false;Command Timeout=600";

    /// <summary>
    /// The settings the cluster runs with: memory sized for this 24 GiB machine, planner costs for data in
    /// memory, and JIT off, the usual advice for queries of tens to hundreds of milliseconds (not measured here).
    /// </summary>
    public const string ServerSettings =
        "-c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c shared_buffers=2GB -c work_mem=256MB " +
        "-c effective_cache_size=8GB -c random_page_cost=1.1 -c max_parallel_workers_per_gather=2 -c jit=off -c max_wal_size=8GB";

    public static async Task<PostgresPeer> StartAsync(string dataDir, CancellationToken cancellationToken)
    {
        var bin = FindBin() ?? throw new InvalidOperationException("PostgreSQL not found under /usr/lib/postgresql (Debian package postgresql)");
        var peer = new PostgresPeer(bin, Path.GetFullPath(dataDir), FreePort());
        if (!File.Exists(Path.Combine(peer._dataDir, "PG_VERSION")))
        {
            Directory.CreateDirectory(peer._dataDir);
            await peer.AsPostgresAsync("chown", ["-R", "postgres", peer._dataDir], asRoot: true, cancellationToken);
            await peer.AsPostgresAsync(Path.Combine(bin, "initdb"), ["-D", peer._dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale"], asRoot: false, cancellationToken);
        }

        // A cluster left running by a killed run would hold the data directory.
        await peer.AsPostgresAsync(Path.Combine(bin, "pg_ctl"), ["-D", peer._dataDir, "-m", "fast", "stop"], asRoot: false, cancellationToken, allowFailure: true);
        await peer.AsPostgresAsync(Path.Combine(bin, "pg_ctl"), ["-D", peer._dataDir, "-l", Path.Combine(peer._dataDir, "server.log"), "-w", "-t", "120", "-o", $"-p {peer.Port} {ServerSettings}", "start"], asRoot: false, cancellationToken);
        peer._started = true;

        await using (var admin = new NpgsqlConnection($"Host=127.0.0.1;Port={peer.Port};Username=postgres;Database=postgres;Pooling=false"))
        {
            await admin.OpenAsync(cancellationToken);
            peer.Version = admin.PostgreSqlVersion.ToString();
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = 'duckmart'", admin);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                await using var create = new NpgsqlCommand("CREATE DATABASE duckmart", admin);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        return peer;
    }

    /// <summary>Loads users and events unless this exact data set (same file, same row counts) is already there.</summary>
    public async Task EnsureLoadedAsync(DataSet data, string exportDir, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var marker = $"{Path.GetFileName(data.DatabasePath)}:{data.Users}:{data.Events}";
        await Execute(connection, "CREATE TABLE IF NOT EXISTS bench_source (marker TEXT)", cancellationToken);
        await using (var check = new NpgsqlCommand("SELECT marker FROM bench_source", connection))
        {
            if (await check.ExecuteScalarAsync(cancellationToken) as string == marker)
            {
                return;
            }
        }

        Console.Error.WriteLine($"  loading PostgreSQL from {data.DatabasePath} …");
        var started = Stopwatch.GetTimestamp();
        Directory.CreateDirectory(exportDir);
        var usersCsv = Path.Combine(exportDir, "users.csv");
        var eventsCsv = Path.Combine(exportDir, "events.csv");
        using (var duck = DataSet.OpenReadOnly(data.DatabasePath))
        using (var export = duck.CreateCommand())
        {
            export.CommandText = $"""
                COPY (SELECT * FROM users ORDER BY user_id) TO '{usersCsv}' (HEADER);
                COPY (SELECT user_id, event_name, strftime("timestamp", '%Y-%m-%d %H:%M:%S.%f') FROM events) TO '{eventsCsv}' (HEADER);
                """;
            export.ExecuteNonQuery();
        }

        // UNLOGGED only skips the write-ahead log while loading; reads are the same as from a logged table.
        await Execute(connection, """
            DROP TABLE IF EXISTS users; DROP TABLE IF EXISTS events; DELETE FROM bench_source;
            CREATE TABLE users (user_id BIGINT PRIMARY KEY, name TEXT, age INTEGER, gender TEXT, location TEXT,
                signup_date DATE, subscription_plan TEXT, device_type TEXT);
            CREATE UNLOGGED TABLE events (user_id BIGINT NOT NULL, event_name TEXT NOT NULL, "timestamp" TIMESTAMP NOT NULL);
            """, cancellationToken);
        await CopyAsync(connection, "users", usersCsv, cancellationToken);
        await CopyAsync(connection, "events", eventsCsv, cancellationToken);
        // The covering index serves every event query as an index-only range scan, the way DuckDB's sort order does.
        await Execute(connection, """
            SET maintenance_work_mem = '2GB';
            CREATE INDEX events_name_user_time ON events (event_name, user_id, "timestamp");
            CREATE INDEX users_location ON users (location);
            CREATE INDEX users_age ON users (age);
            """, cancellationToken);
        // VACUUM sets the visibility map that index-only scans need; ANALYZE gives the planner statistics.
        await Execute(connection, "VACUUM ANALYZE users", cancellationToken);
        await Execute(connection, "VACUUM ANALYZE events", cancellationToken);
        await using (var mark = new NpgsqlCommand("INSERT INTO bench_source VALUES ($1)", connection))
        {
            mark.Parameters.AddWithValue(marker);
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }

        File.Delete(usersCsv);
        File.Delete(eventsCsv);
        LoadSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            await AsPostgresAsync(Path.Combine(_bin, "pg_ctl"), ["-D", _dataDir, "-m", "fast", "-w", "stop"], asRoot: false, CancellationToken.None, allowFailure: true);
            _started = false;
        }
    }

    private static async Task CopyAsync(NpgsqlConnection connection, string table, string csv, CancellationToken cancellationToken)
    {
        // Streamed from this process, so the server needs no access to the file.
        await using var writer = await connection.BeginTextImportAsync($"COPY {table} FROM STDIN (FORMAT csv, HEADER)", cancellationToken);
        using var reader = new StreamReader(csv);
        var buffer = new char[1 << 16];
        int read;
        while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await writer.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>PostgreSQL refuses to run as root: as root, the cluster's commands run as the postgres user.</summary>
    private async Task AsPostgresAsync(string program, string[] args, bool asRoot, CancellationToken cancellationToken, bool allowFailure = false)
    {
        var isRoot = Environment.UserName == "root";
        var info = new ProcessStartInfo(isRoot && !asRoot ? "runuser" : program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (isRoot && !asRoot)
        {
            foreach (var a in (string[])["-u", "postgres", "--", program])
            {
                info.ArgumentList.Add(a);
            }
        }
        else if (asRoot && !isRoot)
        {
            return;
        }

        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0 && !allowFailure)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} exited with {process.ExitCode}: {(await stderr).Trim()} {(await stdout).Trim()}");
        }
    }

    private static string? FindBin()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        // 15 is the peer the issue names; another major version is better than none, and the report says which ran.
        return Directory.GetDirectories(root)
            .OrderByDescending(d => Path.GetFileName(d) == "15")
            .ThenByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
            .Select(d => Path.Combine(d, "bin"))
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
