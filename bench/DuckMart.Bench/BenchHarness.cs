using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using DuckMart.Data;

namespace DuckMart.Bench;

/// <summary>
/// Runs the phases in order: data set, translation (before anything executes, so "first" is first),
/// per segment a short trial of every hand-written shape, then the fastest shape and the engine side by
/// side (so machine noise hits both alike), HTTP and OData against a server process, concurrency, and the PostgreSQL peer. A phase that fails
/// records its error and the run goes on: a report with holes beats no report.
/// </summary>
public sealed class BenchHarness(BenchOptions options, string root)
{
    private static readonly int[] ClientCounts = [1, 4, 16];

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var run = new BenchRun { StartedUtc = DateTimeOffset.UtcNow, Options = options, Machine = MachineInfo.Read(), Code = await GitDescribeAsync(cancellationToken) };
        var suite = Suite.Load(Path.Combine(root, "bench"));
        if (options.Only.Count > 0)
        {
            suite = suite with { Segments = suite.Segments.Where(s => options.Only.Any(p => s.Name.StartsWith(p, StringComparison.Ordinal))).ToList() };
        }

        run.Segments.AddRange(suite.Segments.Select(s => new SegmentResult(s.Name, s.Title) { ODataNote = s.ODataNote }));
        var dataDir = Path.Combine(root, options.DataDir);
        var cli = new DuckMartCli(root);

        Phase($"data set: {options.Users:N0} users in {dataDir}");
        run.Data = await DataSet.EnsureAsync(cli, dataDir, options.Users, cancellationToken);
        Console.Error.WriteLine($"  {run.Data.Users:N0} users, {run.Data.Events:N0} events, {run.Data.FileBytes / 1048576.0:N0} MiB, {run.Data.DuckDbVersion}");

        await InProcessAsync(run, suite, cancellationToken);
        Checkpoint(run, clock, "in process");
        if (options.ClickHouseUrl is { } clickhouse)
        {
            await ClickHouseAsync(run, suite, cli, clickhouse, dataDir, cancellationToken);
            Checkpoint(run, clock, "ClickHouse");
        }

        if (!options.SkipHttp)
        {
            await OverHttpAsync(run, suite, cli, cancellationToken);
            Checkpoint(run, clock, "HTTP");
        }

        if (!options.SkipPostgres)
        {
            await PostgresAsync(run, suite, dataDir, cancellationToken);
            Checkpoint(run, clock, "PostgreSQL");
        }

        run.Complete = true;
        Checkpoint(run, clock, "done");
        Print(run);
        var mismatches = run.Segments.Sum(s => s.Mismatches.Count);
        if (mismatches > 0)
        {
            Console.Error.WriteLine($"!!! {mismatches} MISMATCH(ES) between the hand-written SQL and other answers: see the report");
            return 3;
        }

        return 0;
    }

    private async Task InProcessAsync(BenchRun run, Suite suite, CancellationToken cancellationToken)
    {
        var path = run.Data!.DatabasePath;
        using var db = new DuckMartDatabase(path).Open();
        using var duck = DataSet.OpenReadOnly(path);
        var hand = new HandSql(duck, options);
        SavedSegmentDictionary? saved = null;
        try
        {
            saved = SavedSegmentDictionary.From(suite.Saved);
        }
        catch (Exception e)
        {
            run.Notes.Add($"The saved segments could not be read, so neither translation nor the engine ran: {Measurement.Describe(e)}");
        }

        if (saved is not null)
        {
            Phase("translation alone (Create + Explain, nothing executed)");
            var translation = new TranslationRunner(db, saved, options);
            try
            {
                translation.WarmUp();
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"  warm-up failed: {Measurement.Describe(e)}");
            }

            foreach (var (index, (segment, result)) in Pairs(suite, run).Index())
            {
                result.Translation = translation.Measure(segment, index);
                Console.Error.WriteLine($"  {segment.Name,-32} first {Ms(result.Translation.FirstMs)} miss {Ms(result.Translation.MissMs)} hit {Ms(result.Translation.Hits?.P50)} {result.Translation.Error}");
            }
        }

        Phase("hand-written SQL (a): the fastest shape of a short trial; engine in process (b) right after it");
        var engine = saved is null ? null : new EngineRunner(db, saved, options);
        var linq = new LinqRunner(db, options);
        foreach (var (segment, result) in Pairs(suite, run))
        {
            var shape = options.SkipAlternatives
                ? segment.DuckDbSql
                : await ShapeTrial.PickAsync(hand, "DuckDB", segment.DuckDbSql, segment.DuckDbAlternatives, result, result.DuckDbShapes, cancellationToken);
            result.HandShape = shape.Name;
            result.Hand = await hand.MeasureAsync(shape.Sql, cancellationToken);
            if (engine is not null)
            {
                result.Engine = await engine.MeasureAsync(segment, cancellationToken);
                result.Check("engine", result.Engine);
            }

            if (NaturalLinq.Segments.TryGetValue(segment.Name, out var predicate))
            {
                result.Linq = await linq.MeasureAsync(predicate, cancellationToken);
                result.LinqPath = linq.Path;
                result.Check("LINQ", result.Linq);
            }

            Console.Error.WriteLine($"  {segment.Name,-32} n={result.Hand.Result?.Count,-8} hand ({shape.Name}) {Ms(result.Hand.Latency?.P50)} engine {Ms(result.Engine?.Latency?.P50)} linq {Ms(result.Linq?.Latency?.P50)} ({result.LinqPath}) {result.Hand.Error} {result.Engine?.Error} {result.Linq?.Error}");
        }

        if (saved is not null)
        {
            Phase($"segment dynamics: the size at {SizesRunner.Points} daily points against one evaluation");
            var sizes = new SizesRunner(db, saved, options);
            foreach (var (segment, result) in Pairs(suite, run))
            {
                result.Sizes = await sizes.MeasureAsync(segment, DuckMart.Segments.Dynamics.SizesPlan.Auto, cancellationToken);
                if (!options.SkipAlternatives)
                {
                    result.SizesPerPoint = await sizes.MeasureAsync(segment, DuckMart.Segments.Dynamics.SizesPlan.QueryPerPoint, cancellationToken);
                    if (sizes.ReadsEventsOnce(segment, DuckMart.Segments.Dynamics.SizesPlan.EventBuckets))
                    {
                        result.SizesBuckets = await sizes.MeasureAsync(segment, DuckMart.Segments.Dynamics.SizesPlan.EventBuckets, cancellationToken);
                    }

                    if (sizes.ReadsEventsOnce(segment, DuckMart.Segments.Dynamics.SizesPlan.MembershipMasks))
                    {
                        result.SizesMasks = await sizes.MeasureAsync(segment, DuckMart.Segments.Dynamics.SizesPlan.MembershipMasks, cancellationToken);
                    }
                }

                Console.Error.WriteLine($"  {segment.Name,-32} one {Ms(result.Engine?.Latency?.P50)} sizes {Ms(result.Sizes.Latency?.P50)} per point {Ms(result.SizesPerPoint?.Latency?.P50)} buckets {Ms(result.SizesBuckets?.Latency?.P50)} masks {Ms(result.SizesMasks?.Latency?.P50)} {result.Sizes.Error}");
            }
        }
    }

    private async Task OverHttpAsync(BenchRun run, Suite suite, DuckMartCli cli, CancellationToken cancellationToken)
    {
        Phase("HTTP (c), OData (d) and concurrency against `duckmart serve`");
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(30) };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(5) };
        try
        {
            await using var server = await ServerProcess.StartAsync(cli, run.Data!.DatabasePath, client, cancellationToken);
            Console.Error.WriteLine($"  serving on {server.BaseAddress}");
            var http = new HttpRunner(client, server.BaseAddress, options);
            var odata = new ODataRunner(client, server.BaseAddress, options);
            foreach (var saved in suite.Saved)
            {
                try
                {
                    await http.SaveAsync(saved, cancellationToken);
                }
                catch (Exception e)
                {
                    run.Notes.Add($"PUT /segments/{saved.Id} failed: {Measurement.Describe(e)}");
                }
            }

            foreach (var (segment, result) in Pairs(suite, run))
            {
                result.HttpCount = await http.MeasureAsync(segment, countOnly: true, cancellationToken);
                result.Check("HTTP countOnly", result.HttpCount);
                result.HttpIds = await http.MeasureAsync(segment, countOnly: false, cancellationToken);
                result.Check("HTTP ids", result.HttpIds);
                if (segment.ODataFilter is not null)
                {
                    result.OData = await odata.MeasureAsync(segment.ODataFilter, cancellationToken);
                    result.ODataPath = odata.Path;
                    result.Check("OData", result.OData);
                }

                Console.Error.WriteLine($"  {segment.Name,-32} count {Ms(result.HttpCount.Latency?.P50)} ids {Ms(result.HttpIds.Latency?.P50)} odata {Ms(result.OData?.Latency?.P50)} ({result.ODataPath}) {result.HttpIds.Error} {result.OData?.Error}");
                if (server.Death is { } gone)
                {
                    // Every later request would fail at once: say what happened instead of timing refusals.
                    throw new InvalidOperationException($"{gone} (during {segment.Name})");
                }
            }

            if (server.Death is { } dead)
            {
                throw new InvalidOperationException($"{dead} (before the concurrency runs)");
            }

            var workload = suite.Segments.SelectMany(s => new[] { s.BodyWith(countOnly: true), s.BodyWith(countOnly: false) }).ToList();
            var concurrency = new ConcurrencyRunner(http);
            foreach (var clients in ClientCounts)
            {
                var level = await concurrency.RunAsync(workload, clients, options.ConcurrencyDuration, cancellationToken);
                run.Concurrency.Add(level);
                Console.Error.WriteLine($"  {clients,2} clients: {level.RequestsPerSecond:F1} req/s, p50 {Ms(level.Latency.P50)}, p99 {Ms(level.Latency.P99)}, {level.Refused} refused (retried), {level.Errors} errors {level.FirstError}");
            }

            run.ServerPeakRssBytes = server.PeakRssBytes();
            if (server.Death is { } death)
            {
                run.HttpError = $"{death} (during the concurrency runs)";
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            run.HttpError = Measurement.Describe(e);
            Console.Error.WriteLine($"  HTTP phase failed: {run.HttpError}");
        }
    }

    /// <summary>Right after DuckDB's in-process phase, so that both engines meet the same machine (issue 15).</summary>
    private async Task ClickHouseAsync(BenchRun run, Suite suite, DuckMartCli cli, string url, string dataDir, CancellationToken cancellationToken)
    {
        Phase($"ClickHouse cluster at {url}: local IN, GLOBAL IN, each shard alone");
        var shards = new List<DuckMart.Data.ClickHouse.ClickHouseHttp>();
        try
        {
            using var entry = DuckMart.Data.ClickHouse.ClickHouseHttp.Open(url);
            var cluster = await DuckMart.Data.ClickHouse.ClickHouseCluster.DiscoverAsync(entry, cancellationToken);
            shards.AddRange(cluster.Shards.Select(s => new DuckMart.Data.ClickHouse.ClickHouseHttp(s)));
            run.ClickHouse = await ClickHouseDataSet.EnsureAsync(cli, entry, cluster, dataDir, run.Data!, options.ClickHouseReload, cancellationToken);
            var runner = new ClickHouseRunner(entry, shards, SavedSegmentDictionary.From(suite.Saved), options);
            foreach (var (segment, result) in Pairs(suite, run))
            {
                result.ClickHouseLocal = await runner.MeasureAsync(segment, DuckMart.Segments.Rendering.ClickHouse.ClickHouseDistribution.ShardLocal, cancellationToken);
                result.Check("ClickHouse local IN", result.ClickHouseLocal);
                result.ClickHouseGlobal = await runner.MeasureAsync(segment, DuckMart.Segments.Rendering.ClickHouse.ClickHouseDistribution.GlobalIn, cancellationToken);
                result.Check("ClickHouse GLOBAL IN", result.ClickHouseGlobal);
                for (var shard = 0; shard < shards.Count; shard++)
                {
                    result.ClickHouseShards.Add(await runner.MeasureShardAsync(segment, shard, cancellationToken));
                }

                ClickHouseRunner.CheckHalves(result);
                var halves = string.Join(" / ", result.ClickHouseShards.Select(h => Ms(h.Latency?.P50)));
                Console.Error.WriteLine($"  {segment.Name,-32} duckdb {Ms(result.Engine?.Latency?.P50)} local {Ms(result.ClickHouseLocal.Latency?.P50)} global {Ms(result.ClickHouseGlobal.Latency?.P50)} shards alone {halves} {result.ClickHouseLocal.Error} {result.ClickHouseGlobal.Error}");
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            run.ClickHouseError = Measurement.Describe(e);
            Console.Error.WriteLine($"  ClickHouse phase failed: {run.ClickHouseError}");
        }
        finally
        {
            shards.ForEach(s => s.Dispose());
        }
    }

    private async Task PostgresAsync(BenchRun run, Suite suite, string dataDir, CancellationToken cancellationToken)
    {
        Phase("PostgreSQL peer");
        try
        {
            await using var peer = await PostgresPeer.StartAsync(Path.Combine(dataDir, "pg"), cancellationToken);
            run.PostgresVersion = peer.Version;
            await peer.EnsureLoadedAsync(run.Data!, Path.Combine(dataDir, "pg-export"), cancellationToken);
            run.PostgresLoadSeconds = peer.LoadSeconds;
            await using var connection = await peer.OpenAsync(cancellationToken);
            var pg = new HandSql(connection, options);
            foreach (var (segment, result) in Pairs(suite, run))
            {
                if (segment.PostgresSql is null)
                {
                    continue;
                }

                var shape = options.SkipAlternatives
                    ? segment.PostgresSql
                    : await ShapeTrial.PickAsync(pg, "PostgreSQL", segment.PostgresSql, segment.PostgresAlternatives, result, result.PostgresShapes, cancellationToken);
                result.PostgresShape = shape.Name;
                result.Postgres = await pg.MeasureAsync(shape.Sql, cancellationToken);
                result.Check("PostgreSQL", result.Postgres);
                Console.Error.WriteLine($"  {segment.Name,-32} PostgreSQL ({shape.Name}) {Ms(result.Postgres.Latency?.P50)} {result.Postgres.Error}");
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            run.PostgresError = Measurement.Describe(e);
            Console.Error.WriteLine($"  PostgreSQL phase failed: {run.PostgresError}");
        }
    }

    /// <summary>
    /// Writes the report and the JSON after every phase, so that a run stopped part-way (a deadline, Ctrl+C)
    /// still leaves what it measured, marked as incomplete.
    /// </summary>
    private void Checkpoint(BenchRun run, Stopwatch clock, string phase)
    {
        run.PhasesDone.Add(phase);
        run.Seconds = clock.Elapsed.TotalSeconds;
        run.LoadAverageAtEnd = MachineInfo.LoadAverage();
        Directory.CreateDirectory(Path.GetDirectoryName(JsonPath(run))!);
        File.WriteAllText(JsonPath(run), JsonSerializer.Serialize(run, JsonOptions));
        var report = Path.Combine(root, options.ReportPath);
        Directory.CreateDirectory(Path.GetDirectoryName(report)!);
        File.WriteAllText(report, Report.Render(run, Path.GetRelativePath(root, JsonPath(run))));
        Console.Error.WriteLine($"  [{phase}: report written to {Path.GetRelativePath(root, report)}]");
    }

    private void Print(BenchRun run)
    {
        Console.WriteLine(Report.SummaryTable(run));
        Console.WriteLine();
        Console.WriteLine(Report.TargetsTable(run));
        Console.WriteLine();
        Console.WriteLine($"report: {Path.GetRelativePath(root, Path.Combine(root, options.ReportPath))}; raw results: {Path.GetRelativePath(root, JsonPath(run))}; {run.Seconds:F0} s");
    }

    private string JsonPath(BenchRun run) =>
        Path.Combine(root, options.ResultsDir, $"bench-{run.Options.Users}-{run.StartedUtc:yyyyMMdd-HHmmss}.json");

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    private async Task<string?> GitDescribeAsync(CancellationToken cancellationToken)
    {
        try
        {
            var info = new ProcessStartInfo("git", ["describe", "--always", "--dirty"]) { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
            using var git = Process.Start(info);
            if (git is null)
            {
                return null;
            }

            var output = await git.StandardOutput.ReadToEndAsync(cancellationToken);
            await git.WaitForExitAsync(cancellationToken);
            return git.ExitCode == 0 ? output.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git: a copy of the source, not a checkout
        }
    }

    private static IEnumerable<(SuiteSegment Segment, SegmentResult Result)> Pairs(Suite suite, BenchRun run) =>
        suite.Segments.Zip(run.Segments);

    private static void Phase(string name) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {name}");

    private static string Ms(double? ms) => ms is null || double.IsNaN(ms.Value) ? "-" : $"{ms:F1} ms";
}
