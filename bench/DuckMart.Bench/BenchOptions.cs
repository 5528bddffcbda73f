using System.Globalization;

namespace DuckMart.Bench;

/// <summary>What `make bench BENCH_ARGS="…"` asks for. Paths are resolved against the repository root.</summary>
public sealed record BenchOptions
{
    public int Users { get; init; } = 1_000_000;

    public string DataDir { get; init; } = "bench/data";

    public int Iterations { get; init; } = 15;

    public int Warmup { get; init; } = 2;

    /// <summary>Time one measurement may take before it stops at fewer iterations (at least 3 if they fit).</summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromSeconds(45);

    public bool SkipPostgres { get; init; }

    public bool SkipHttp { get; init; }

    public bool SkipAlternatives { get; init; }

    public bool Quick { get; init; }

    public string? Note { get; init; }

    /// <summary>Name prefixes of the segments to run; empty means the whole suite.</summary>
    public IReadOnlyList<string> Only { get; init; } = [];

    /// <summary>How long each concurrency level runs: bounded so a run always ends.</summary>
    public TimeSpan ConcurrencyDuration { get; init; } = TimeSpan.FromSeconds(15);

    public string ReportPath { get; init; } = "docs/performance.md";

    /// <summary>With <c>--clickhouse</c>: the cluster's URL; the segments then run there too (docs/scale-out.md).</summary>
    public string? ClickHouseUrl { get; init; }

    /// <summary>Load the cluster again even when it already holds as many users and events as the DuckDB file.</summary>
    public bool ClickHouseReload { get; init; }

    public string ResultsDir { get; init; } = "bench/results";

    public const string Usage = """
        usage: make bench BENCH_ARGS="[options]"
          --users N              data set size (default 1000000; events are about 50 a user)
          --data DIR             where data sets are built and kept (default bench/data)
          --iterations N         timed runs per measurement after warm-up (default 15, --quick 5)
          --warmup N             untimed runs first (default 2, --quick 1)
          --budget SECONDS       time one measurement may take before it stops early (default 45, --quick 10)
          --quick                fewer iterations and shorter concurrency runs
          --skip-pg              no PostgreSQL peer
          --skip-http            no HTTP, OData or concurrency measurements
          --skip-alternatives    no shape trial: the main SQL file of each segment is the baseline
          --note TEXT            a line for the top of the report (what was special about this run)
          --only A,B             only the segments whose names start with these (for example 03,10)
          --report FILE          markdown report (default docs/performance.md)
          --results DIR          raw JSON results (default bench/results)
          --clickhouse [URL]     also run the segments on the ClickHouse cluster (default $DUCKMART_CLICKHOUSE_URL,
                                 else http://127.0.0.1:8123/), loading it first with transform + load --clickhouse
                                 unless it holds the data set already; local IN, GLOBAL IN and each shard alone
          --clickhouse-reload    load the cluster even if it already holds the data set
        """;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        int? iterations = null, warmup = null, budget = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int NextInt()
            {
                var name = args[i];
                var text = Next();
                return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
                    ? n
                    : throw new ArgumentException($"{name} expects a positive integer, got '{text}'");
            }

            options = args[i] switch
            {
                "--users" => options with { Users = NextInt() },
                "--data" => options with { DataDir = Next() },
                "--iterations" => Set(ref iterations, NextInt(), options),
                "--warmup" => Set(ref warmup, NextInt(), options),
                "--budget" => Set(ref budget, NextInt(), options),
                "--quick" => options with { Quick = true },
                "--skip-pg" => options with { SkipPostgres = true },
                "--skip-http" => options with { SkipHttp = true },
                "--skip-alternatives" => options with { SkipAlternatives = true },
                "--note" => options with { Note = Next() },
                "--only" => options with { Only = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--report" => options with { ReportPath = Next() },
                "--results" => options with { ResultsDir = Next() },
                "--clickhouse" => options with { ClickHouseUrl = i + 1 < args.Length && !args[i + 1].StartsWith('-') ? args[++i] : DefaultClickHouseUrl() },
                "--clickhouse-reload" => options with { ClickHouseReload = true },
                "--help" or "-h" => throw new HelpRequestedException(),
                _ => throw new ArgumentException($"unknown option '{args[i]}'"),
            };
        }

        if (options.Quick)
        {
            options = options with { Iterations = 5, Warmup = 1, Budget = TimeSpan.FromSeconds(10), ConcurrencyDuration = TimeSpan.FromSeconds(4) };
        }

        return options with
        {
            Iterations = iterations ?? options.Iterations,
            Warmup = warmup ?? options.Warmup,
            Budget = budget is { } seconds ? TimeSpan.FromSeconds(seconds) : options.Budget,
        };
    }

    private static string DefaultClickHouseUrl() =>
        Environment.GetEnvironmentVariable("DUCKMART_CLICKHOUSE_URL") is { Length: > 0 } url ? url : "http://127.0.0.1:8123/";

    private static BenchOptions Set(ref int? slot, int value, BenchOptions options)
    {
        slot = value;
        return options;
    }
}

public sealed class HelpRequestedException : Exception;
