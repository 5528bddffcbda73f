namespace DuckMart.Bench;

/// <summary>A hand-written shape that was tried for a segment, and how it did in the short trial that picks the fastest.</summary>
public sealed record ShapeResult(string Shape, bool IsMain, Measurement Measurement, string? Mismatch)
{
    public bool Won { get; set; }
}

/// <summary>Everything measured for one suite segment. Filled in phase by phase; a failed phase leaves its error.</summary>
public sealed class SegmentResult(string name, string title)
{
    public string Name { get; } = name;

    public string Title { get; } = title;

    /// <summary>Which hand-written DuckDB shape (a) is: the fastest of the trial, or the main file's without one.</summary>
    public string? HandShape { get; set; }

    public Measurement? Hand { get; set; }

    public Measurement? Engine { get; set; }

    /// <summary>The size at 30 daily points in one statement (<see cref="SizesRunner"/>), and one query a point.</summary>
    public Measurement? Sizes { get; set; }

    public Measurement? SizesPerPoint { get; set; }

    /// <summary>The same series by one scan of the events into buckets (SizesPlan.EventBuckets), when it applies.</summary>
    public Measurement? SizesBuckets { get; set; }

    /// <summary>The same series by one scan into per-user membership masks (SizesPlan.MembershipMasks), when it applies.</summary>
    public Measurement? SizesMasks { get; set; }

    public Measurement? HttpCount { get; set; }

    public Measurement? HttpIds { get; set; }

    public Measurement? OData { get; set; }

    public string? ODataNote { get; set; }

    /// <summary>The DuckMart-Engine header of the OData column's first page: segment, partial or linq.</summary>
    public string? ODataPath { get; set; }

    /// <summary>(e): the segment as plain LINQ through WhereSegment (<see cref="LinqRunner"/>), and the path it took.</summary>
    public Measurement? Linq { get; set; }

    public string? LinqPath { get; set; }

    /// <summary>On the ClickHouse cluster (<c>--clickhouse</c>): shard-local IN, GLOBAL IN, and each shard's half alone.</summary>
    public Measurement? ClickHouseLocal { get; set; }

    public Measurement? ClickHouseGlobal { get; set; }

    public List<Measurement> ClickHouseShards { get; } = [];

    public string? PostgresShape { get; set; }

    public Measurement? Postgres { get; set; }

    public List<ShapeResult> DuckDbShapes { get; } = [];

    public List<ShapeResult> PostgresShapes { get; } = [];

    public TranslationResult? Translation { get; set; }

    /// <summary>Each way of answering whose IDs differ from the hand-written SQL's, with what differs.</summary>
    public List<string> Mismatches { get; } = [];

    public void Flag(string what, string difference)
    {
        Mismatches.Add($"{what}: {difference}");
        Console.Error.WriteLine($"  !!! MISMATCH {Name} {what}: {difference}");
    }

    public void Check(string what, Measurement? measurement)
    {
        if (measurement?.Result is null || Hand?.Result is null)
        {
            return;
        }

        var difference = measurement.Result.Difference(Hand.Result);
        if (difference is not null)
        {
            Flag($"{what} vs hand SQL", difference);
        }
    }
}

/// <summary>One whole run, as written to bench/results/*.json and rendered into docs/performance.md.</summary>
public sealed class BenchRun
{
    public DateTimeOffset StartedUtc { get; init; }

    public double Seconds { get; set; }

    public required BenchOptions Options { get; init; }

    public required MachineInfo Machine { get; init; }

    /// <summary>The commit measured (<c>git describe --always --dirty</c>): a number is only as good as knowing what code made it.</summary>
    public string? Code { get; init; }

    public DataSet? Data { get; set; }

    public string? PostgresVersion { get; set; }

    public double? PostgresLoadSeconds { get; set; }

    public string? PostgresError { get; set; }

    public string? HttpError { get; set; }

    public ClickHouseLoad? ClickHouse { get; set; }

    public string? ClickHouseError { get; set; }

    public long? ServerPeakRssBytes { get; set; }

    public List<SegmentResult> Segments { get; } = [];

    public List<ConcurrencyResult> Concurrency { get; } = [];

    public List<string> Notes { get; } = [];

    /// <summary>Phases finished so far; a report written before the last one says it is partial.</summary>
    public List<string> PhasesDone { get; } = [];

    public bool Complete { get; set; }

    public double LoadAverageAtEnd { get; set; }
}
