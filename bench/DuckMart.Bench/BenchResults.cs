namespace DuckMart.Bench;

/// <summary>A hand-written shape that was tried for a segment, and how it did.</summary>
public sealed record ShapeResult(string Shape, Measurement Measurement, string? Mismatch);

/// <summary>Everything measured for one suite segment. Filled in phase by phase; a failed phase leaves its error.</summary>
public sealed class SegmentResult(string name, string title)
{
    public string Name { get; } = name;

    public string Title { get; } = title;

    public Measurement? Hand { get; set; }

    public Measurement? Engine { get; set; }

    public Measurement? HttpCount { get; set; }

    public Measurement? HttpIds { get; set; }

    public Measurement? OData { get; set; }

    public string? ODataNote { get; set; }

    public Measurement? Postgres { get; set; }

    public List<ShapeResult> DuckDbShapes { get; } = [];

    public List<ShapeResult> PostgresShapes { get; } = [];

    public TranslationResult? Translation { get; set; }

    /// <summary>Each way of answering whose IDs differ from the hand-written SQL's, with what differs.</summary>
    public List<string> Mismatches { get; } = [];

    public void Check(string what, Measurement? measurement)
    {
        if (measurement?.Result is null || Hand?.Result is null)
        {
            return;
        }

        var difference = measurement.Result.Difference(Hand.Result);
        if (difference is not null)
        {
            Mismatches.Add($"{what}: {difference}");
            Console.Error.WriteLine($"  !!! MISMATCH {Name} {what} vs hand SQL: {difference}");
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

    public DataSet? Data { get; set; }

    public string? PostgresVersion { get; set; }

    public double? PostgresLoadSeconds { get; set; }

    public string? PostgresError { get; set; }

    public string? HttpError { get; set; }

    public long? ServerPeakRssBytes { get; set; }

    public List<SegmentResult> Segments { get; } = [];

    public List<ConcurrencyResult> Concurrency { get; } = [];

    public List<string> Notes { get; } = [];

    public double LoadAverageAtEnd { get; set; }
}
