using System.Globalization;
using System.Text;

namespace DuckMart.Bench;

/// <summary>Renders a run as docs/performance.md: every number in it comes from <see cref="BenchRun"/>, none is typed in.</summary>
public static class Report
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Render(BenchRun run, string resultsFile)
    {
        var md = new StringBuilder();
        md.AppendLine("# Performance");
        md.AppendLine();
        md.AppendLine("Written by `make bench` (bench/DuckMart.Bench) from one run; do not edit by hand, run it again.");
        md.AppendLine(Invariant, $"Raw results: `{resultsFile}` (git-ignored). Run started {run.StartedUtc:yyyy-MM-dd HH:mm} UTC on commit `{run.Code ?? "unknown"}` and took {run.Seconds:F0} s.");
        md.AppendLine();
        if (!run.Complete)
        {
            md.AppendLine(Invariant, $"> **Partial run**: written after the phases [{string.Join(", ", run.PhasesDone)}]; the rest did not run or did not finish.");
            md.AppendLine();
        }

        if (run.Options.Note is not null)
        {
            md.AppendLine(Invariant, $"> {run.Options.Note}");
            md.AppendLine();
        }

        var data = run.Data;
        if (data is not null && data.Users != 1_000_000)
        {
            md.AppendLine(Invariant, $"> **This run used {data.Users:N0} users, not the 1,000,000 the targets are stated for.** Absolute times are not comparable with the targets; ratios are indicative only.");
            md.AppendLine();
        }

        md.AppendLine("## Machine and data");
        md.AppendLine();
        var m = run.Machine;
        md.AppendLine(Invariant, $"- {m.Cores} cores ({m.Cpu}), {m.Memory} memory, {m.Os}, {m.Runtime}.");
        md.AppendLine(Invariant, $"- 1-minute load average {m.LoadAverage1m:F1} at the start and {run.LoadAverageAtEnd:F1} at the end: the machine is shared, so other work ran alongside.");
        if (data is not null)
        {
            md.AppendLine(Invariant, $"- Data: {data.Users:N0} users, {data.Events:N0} events, DuckDB file {data.FileBytes / 1048576.0:N0} MiB ({data.DuckDbVersion}); built by `duckmart generate --seed 42` + `duckmart ingest`{(data.BuildSeconds is { } b ? $" in {b:F0} s during this run" : ", kept from an earlier run")}.");
        }

        md.AppendLine(Invariant, $"- Every segment is evaluated as of {BenchClock.AsOf:yyyy-MM-dd'T'HH:mm:ss'Z'} ({BenchClock.TimeZone}), the generator's fixed \"now\".");
        md.AppendLine(Invariant, $"- {run.Options.Warmup} warm-up run(s), then {run.Options.Iterations} timed runs per measurement, fewer (marked [n=…]) where a measurement would run past its {run.Options.Budget.TotalSeconds:F0} s budget; p50/p95 are nearest-rank over the timed runs, in ms.");
        if (run.PostgresVersion is not null)
        {
            md.AppendLine(Invariant, $"- PostgreSQL {run.PostgresVersion}, private cluster on loopback, settings `{PostgresPeer.ServerSettings}`, indexes events(event_name, user_id, timestamp), users(location), users(age), VACUUM ANALYZE{(run.PostgresLoadSeconds is { } l ? $"; loaded in {l:F0} s during this run" : "")}.");
        }

        md.AppendLine();
        md.AppendLine("## Segments");
        md.AppendLine();
        md.AppendLine(SummaryTable(run));
        if (run.Segments.Any(s => s.Sizes is not null))
        {
            md.AppendLine();
            md.AppendLine(Invariant, $"### Segment dynamics: {SizesRunner.Points} daily sizes against one evaluation (docs/dynamics.md)");
            md.AppendLine();
            md.AppendLine(SizesRunner.Table(run));
        }
        md.AppendLine();
        md.AppendLine("What the columns mean:");
        md.AppendLine();
        md.AppendLine("- **hand**: (a) the best hand-written DuckDB SQL through a raw DuckDB.NET reader, every ID read: the fastest of the shapes in `bench/sql/duckdb/NAME.sql` and `alternatives/NAME.*.sql` in a short trial of this run (**hand shape** names it; all shapes are listed below). The baseline every ratio divides by.");
        md.AppendLine("- **engine**: (b) the engine in process: `SegmentSpecReader.ReadRequest` (parse + validate) + `SegmentQuery.Create` (translate) + `ReadUserIdsAsync` and `ReadBatch` (execute, read every ID), on one open connection.");
        md.AppendLine("- **HTTP count / HTTP ids**: (c) `POST /segments` to a `duckmart serve` child process over loopback, `countOnly: true` / all IDs, timed until the body is read. (x) is the ratio to hand.");
        md.AppendLine("- **OData**: (d) `GET /odata/Users?$filter=…&$select=userId&$count=true`, following `@odata.nextLink` until every ID is read; `—` where the segment cannot be written as a `$filter` (see below); (path) is the `DuckMart-Engine` header: segment, partial or linq (docs/odata.md).");
        md.AppendLine("- **LINQ**: (e) the segment as plain LINQ over users and `u.Events` (`bench/DuckMart.Bench/NaturalLinq.cs`) through `db.Users.WhereSegment`, in process: its count, then every ID; (path) is the path the recogniser took (docs/linq.md).");
        md.AppendLine("- **PG**: the fastest hand-written PostgreSQL shape (`bench/sql/postgres/`), chosen the same way, through Npgsql, every ID read; **PG ÷ hand** is how many times faster DuckDB's hand SQL was.");
        md.AppendLine("- **ids agree**: every answer above returned exactly the hand SQL's IDs (sorted IDs hashed; count only for countOnly). A mismatch is listed below and makes `make bench` exit non-zero.");
        md.AppendLine();
        AppendCorrectness(md, run);
        md.AppendLine("## Targets (issue 5)");
        md.AppendLine();
        md.AppendLine(TargetsTable(run));
        md.AppendLine();
        if (run.Options.Users == new BenchOptions().Users)
        {
            AppendMissesExplained(md); // written about the default 1M run
        }
        AppendTranslation(md, run);
        AppendConcurrency(md, run);
        AppendShapes(md, run);
        AppendOData(md, run);
        AppendErrors(md, run);
        return md.ToString();
    }

    /// <summary>
    /// Why each missed target is missed: people's analysis, kept in bench/targets-explained.md and copied in
    /// verbatim (the numbers above come from the run; that text says where the time goes and what would help).
    /// </summary>
    private static void AppendMissesExplained(StringBuilder md)
    {
        var file = Path.Combine(RepositoryRoot.Find(), "bench", "targets-explained.md");
        if (!File.Exists(file))
        {
            return;
        }

        md.AppendLine(File.ReadAllText(file).TrimEnd());
        md.AppendLine();
    }

    public static string SummaryTable(BenchRun run)
    {
        var md = new StringBuilder();
        md.AppendLine("| segment | users | hand shape | hand p50 / p95 | engine p50 / p95 | engine ÷ hand | HTTP count p50 | HTTP ids p50 | OData p50 (path) | LINQ p50 (path) | PG p50 | PG ÷ hand | ids agree |");
        md.AppendLine("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var s in run.Segments)
        {
            var hand = s.Hand?.Latency?.P50;
            md.AppendLine(Invariant, $"| {s.Name} | {s.Hand?.Result?.Count.ToString("N0", Invariant) ?? "?"} | {s.HandShape} | {Pair(s.Hand)} | {Pair(s.Engine)} | {Ratio(s.Engine?.Latency?.P50, hand)} | {WithRatio(s.HttpCount, hand)} | {WithRatio(s.HttpIds, hand)} | {(s.ODataNote is not null && s.OData is null ? "—" : WithRatio(s.OData, hand) + (s.ODataPath is null ? "" : $" ({s.ODataPath})"))} | {(s.Linq is null ? "—" : WithRatio(s.Linq, hand) + $" ({s.LinqPath})")} | {Cell(s.Postgres)} | {Ratio(s.Postgres?.Latency?.P50, hand)} | {(s.Mismatches.Count == 0 ? "yes" : "**NO**")} |");
        }

        var ratios = run.Segments.Select(s => Divide(s.Engine?.Latency?.P50, s.Hand?.Latency?.P50)).OfType<double>().ToList();
        if (ratios.Count > 0)
        {
            md.AppendLine(Invariant, $"| geometric mean | | | | | {GeoMean(ratios):F2}x | | | | | {Fmt(GeoMean(run.Segments.Select(s => Divide(s.Postgres?.Latency?.P50, s.Hand?.Latency?.P50)).OfType<double>().ToList()), "F1", "x")} | |");
        }

        return md.ToString().TrimEnd();
    }

    public static string TargetsTable(BenchRun run)
    {
        var md = new StringBuilder();
        md.AppendLine("| what | target | measured | status |");
        md.AppendLine("| --- | --- | --- | --- |");
        foreach (var t in Targets.Evaluate(run))
        {
            md.AppendLine(Invariant, $"| {t.What} | {t.Target} | {t.Measured} | {t.Status} |");
        }

        return md.ToString().TrimEnd();
    }

    private static void AppendCorrectness(StringBuilder md, BenchRun run)
    {
        var wrong = run.Segments.Where(s => s.Mismatches.Count > 0).ToList();
        if (wrong.Count == 0)
        {
            md.AppendLine("Every answer that was measured agreed with the hand-written SQL.");
            md.AppendLine();
            return;
        }

        md.AppendLine("**Mismatches (answers that differ from the hand-written SQL):**");
        md.AppendLine();
        foreach (var s in wrong)
        {
            foreach (var mismatch in s.Mismatches)
            {
                md.AppendLine(Invariant, $"- {s.Name}: {mismatch}");
            }
        }

        md.AppendLine();
    }

    private static void AppendTranslation(StringBuilder md, BenchRun run)
    {
        md.AppendLine("## Translation alone");
        md.AppendLine();
        md.AppendLine("`SegmentQuery.Create` + `Explain()`: spec model to SQL text, nothing executed, measured before any query ran. **first**: the first time the process sees this shape (suite order, after one unrelated warm-up translation, so it includes JIT of code the earlier segments did not use). **miss**: the segment and-ed with a condition no other request has, once warm: a linq2db query-cache miss. **hit**: the same shape with other values (numbers +1, durations one unit longer, strings changed), p50/p95 over alternating values from the third sighting on. **served by** says which cache answered every hit: the engine's own translation cache (`Rendering/Cache`, linq2db not entered) or linq2db's query cache. **same SQL** says whether both values gave identical SQL text, i.e. travelled as parameters so the cached query could be reused.");
        md.AppendLine();
        md.AppendLine("| segment | first | miss | hit p50 / p95 | served by | same SQL for other values | parameters |");
        md.AppendLine("| --- | ---: | ---: | ---: | --- | --- | ---: |");
        foreach (var s in run.Segments)
        {
            var t = s.Translation;
            if (t is null)
            {
                continue;
            }

            md.AppendLine(t.Error is not null
                ? $"| {s.Name} | error | | | | | |"
                : string.Create(Invariant, $"| {s.Name} | {t.FirstMs:F2} | {t.MissMs:F2} | {t.Hits?.P50:F3} / {t.Hits?.P95:F3} | {(t.FromCache == true ? "translation cache" : "linq2db")} | {(t.SameSqlForOtherValues == true ? "yes" : "**no**")} | {t.Parameters} |"));
        }

        md.AppendLine();
    }

    private static void AppendConcurrency(StringBuilder md, BenchRun run)
    {
        md.AppendLine("## Concurrency and memory");
        md.AppendLine();
        if (run.Concurrency.Count == 0)
        {
            md.AppendLine(run.Options.SkipHttp ? "Not run (--skip-http)." : "Not run: the HTTP phase failed (see Errors).");
            md.AppendLine();
            return;
        }

        md.AppendLine(Invariant, $"Mixed workload: every suite segment as `POST /segments`, `countOnly` and with all IDs in turn; N clients on loopback for {run.Options.ConcurrencyDuration.TotalSeconds:F0} s each, each client sending its next request as soon as the last is answered. A `429` (the server's limit of 4 running + 8 queued queries) is retried after its `Retry-After` (1 s), and the latency runs from the first attempt to the answer; **refused** counts those 429s, **errors** anything else.");
        md.AppendLine();
        md.AppendLine("| clients | requests | requests/s | p50 ms | p99 ms | refused (429, retried) | errors |");
        md.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var c in run.Concurrency)
        {
            md.AppendLine(Invariant, $"| {c.Clients} | {c.Requests} | {c.RequestsPerSecond:F1} | {c.Latency.P50:F1} | {c.Latency.P99:F1} | {c.Refused} | {c.Errors}{(c.Errors == 0 ? "" : $" ({string.Join(", ", c.ErrorKinds.Select(k => $"{k.Key}: {k.Value}"))}; first: {c.FirstError})")} |");
        }

        md.AppendLine();
        md.AppendLine(run.ServerPeakRssBytes is { } rss
            ? string.Create(Invariant, $"Server peak resident memory (VmHWM of the `duckmart serve` process, after every HTTP, OData and concurrency request): **{rss / 1048576.0:N0} MiB**.")
            : "Server peak memory: not measured.");
        md.AppendLine();
    }

    private static void AppendShapes(StringBuilder md, BenchRun run)
    {
        var any = run.Segments.Any(s => s.DuckDbShapes.Count > 0 || s.PostgresShapes.Count > 0);
        if (!any)
        {
            return;
        }

        md.AppendLine("## Hand-written SQL: the shapes tried");
        md.AppendLine();
        md.AppendLine("Each segment's main file `bench/sql/<db>/NAME.sql` and its `alternatives/NAME.SHAPE.sql`, run a few times each in this run (1 warm-up, then up to half the iterations). The **winner** became the baseline and was then timed in full. **agrees** compares each shape's IDs with the main file's.");
        md.AppendLine();
        md.AppendLine("| segment | database | shape | trial p50 ms | ÷ winner | agrees |");
        md.AppendLine("| --- | --- | --- | ---: | ---: | --- |");
        foreach (var s in run.Segments)
        {
            Rows("DuckDB", s.DuckDbShapes);
            Rows("PostgreSQL", s.PostgresShapes);

            void Rows(string database, List<ShapeResult> shapes)
            {
                var best = shapes.FirstOrDefault(x => x.Won)?.Measurement.Latency?.P50;
                var first = true;
                foreach (var shape in shapes)
                {
                    var name = shape.Shape + (shape.IsMain ? " (main file)" : "") + (shape.Won ? " **winner**" : "");
                    var p50 = shape.Measurement.Error is null ? Fmt(shape.Measurement.Latency?.P50, "F1") : "error";
                    md.AppendLine(Invariant, $"| {(first ? s.Name : "")} | {(first ? database : "")} | {name} | {p50} | {Fmt(Divide(shape.Measurement.Latency?.P50, best), "F2", "x")} | {(shape.Mismatch is null ? "yes" : "**NO**: " + shape.Mismatch)} |");
                    first = false;
                }
            }
        }

        md.AppendLine();
    }

    private static void AppendOData(StringBuilder md, BenchRun run)
    {
        var notes = run.Segments.Where(s => s.ODataNote is not null).ToList();
        if (notes.Count == 0)
        {
            return;
        }

        md.AppendLine("## Segments OData cannot express");
        md.AppendLine();
        foreach (var s in notes)
        {
            md.AppendLine(Invariant, $"- {s.Name}: {s.ODataNote}.");
        }

        md.AppendLine();
    }

    private static void AppendErrors(StringBuilder md, BenchRun run)
    {
        var lines = new List<string>();
        lines.AddRange(run.Notes);
        if (run.HttpError is not null)
        {
            lines.Add($"HTTP phase: {run.HttpError}");
        }

        if (run.PostgresError is not null)
        {
            lines.Add($"PostgreSQL phase: {run.PostgresError}");
        }

        foreach (var s in run.Segments)
        {
            foreach (var (what, m) in new[] { ("hand", s.Hand), ("engine", s.Engine), ("HTTP count", s.HttpCount), ("HTTP ids", s.HttpIds), ("OData", s.OData), ("LINQ", s.Linq), ("PostgreSQL", s.Postgres) })
            {
                if (m?.Error is not null)
                {
                    lines.Add($"{s.Name} {what}: {m.Error}");
                }
            }

            if (s.Translation?.Error is not null)
            {
                lines.Add($"{s.Name} translation: {s.Translation.Error}");
            }
        }

        if (lines.Count == 0)
        {
            return;
        }

        md.AppendLine("## Errors");
        md.AppendLine();
        foreach (var line in lines)
        {
            md.AppendLine(Invariant, $"- {line.Replace("|", "\\|", StringComparison.Ordinal)}");
        }

        md.AppendLine();
    }

    private static string Pair(Measurement? m) =>
        m is null ? "—" : m.Latency is null ? Failed(m) : string.Create(Invariant, $"{m.Latency.P50:F1} / {m.Latency.P95:F1}{Few(m)}");

    private static string Cell(Measurement? m) =>
        m is null ? "—" : m.Latency is null ? Failed(m) : m.Latency.P50.ToString("F1", Invariant) + Few(m);

    private static string WithRatio(Measurement? m, double? hand) =>
        m is null ? "—" : m.Latency is null ? Failed(m) : $"{m.Latency.P50.ToString("F1", Invariant)} ({Ratio(m.Latency.P50, hand)}){Few(m)}";

    /// <summary>A run that never finished within the cut-off is slower than the cut-off, not an error.</summary>
    private static string Failed(Measurement m) =>
        m.GaveUpAfterMs is { } ms ? string.Create(Invariant, $"> {ms / 1000:F0} s") : "error";

    /// <summary>Marks a measurement that the time budget cut short, so nobody reads 2 samples as 15.</summary>
    private static string Few(Measurement m) => m.Latency is { N: < 5 } l ? string.Create(Invariant, $" [n={l.N}]") : "";

    private static string Ratio(double? value, double? baseline) => Fmt(Divide(value, baseline), "F2", "x");

    public static double? Divide(double? value, double? baseline) =>
        value is { } v && baseline is { } b && b > 0 && !double.IsNaN(v) ? v / b : null;

    public static double GeoMean(IReadOnlyCollection<double> values) =>
        values.Count == 0 ? double.NaN : Math.Exp(values.Average(Math.Log));

    public static string Fmt(double? value, string format, string suffix = "") =>
        value is { } v && !double.IsNaN(v) ? v.ToString(format, Invariant) + suffix : "—";
}
