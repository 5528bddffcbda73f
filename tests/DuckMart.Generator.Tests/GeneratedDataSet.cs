using DuckMart.Data.Ingest;
using DuckMart.Data.Publishing;
using DuckMart.Generator;

namespace DuckMart.Generator.Tests;

/// <summary>One generated and ingested data set shared by the realism tests (generating it is the slow part).</summary>
public sealed class GeneratedDataSet : IDisposable
{
    private readonly TempDirectory _dir = new();

    public GeneratedDataSet()
    {
        Report = new DataSetGenerator(new GeneratorOptions { Users = 3000, Seed = 7 }).Generate(_dir.Path);
        Summary = new IngestPipeline().TransformAsync(_dir.File("users.csv"), _dir.File("events.csv"), _dir.File("out")).GetAwaiter().GetResult();
        new DatabasePublisher().PublishAsync(_dir.File("out"), Database).GetAwaiter().GetResult();
    }

    public GenerationReport Report { get; }

    public TransformSummary Summary { get; }

    public string Database => _dir.File("generated.duckdb");

    public double Value(string sql) => Convert.ToDouble(IngestRun.Query(Database, sql)[0][0], System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose() => _dir.Dispose();
}
