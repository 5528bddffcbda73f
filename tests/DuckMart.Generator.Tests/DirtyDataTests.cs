using DuckMart.Data.Ingest;
using DuckMart.Data.Publishing;
using DuckMart.Generator;

namespace DuckMart.Generator.Tests;

public class DirtyDataTests
{
    [Fact]
    public async Task Ingest_of_dirty_generated_data_loads_exactly_the_clean_rows_and_rejects_exactly_the_dirty_ones()
    {
        using var dir = new TempDirectory();
        var report = new DataSetGenerator(new GeneratorOptions { Users = 2000, Seed = 3, DirtyRate = 0.03 }).Generate(dir.Path);
        report.DirtyUsers.Should().BePositive();
        report.DirtyEvents.Should().BePositive();
        report.MessyEventNames.Should().BePositive();

        var summary = await new IngestPipeline().TransformAsync(dir.File("users.csv"), dir.File("events.csv"), dir.File("out"));
        await new DatabasePublisher().PublishAsync(dir.File("out"), dir.File("db.duckdb"));

        summary.Should().Be(new TransformSummary(report.CleanUsers, report.DirtyUsers, report.CleanEvents, report.DirtyEvents));
        IngestRun.Query(dir.File("db.duckdb"), "SELECT count(*) FROM users")[0][0].Should().Be(report.CleanUsers);
        IngestRun.Query(dir.File("db.duckdb"), "SELECT count(*) FROM events")[0][0].Should().Be(report.CleanEvents);
        // Messy spellings (" added to cart", "page-view") are loaded under their UPPER_SNAKE names.
        IngestRun.Query(dir.File("db.duckdb"), "SELECT DISTINCT event_name FROM events ORDER BY 1").Select(r => (string)r[0]!)
            .Should().BeSubsetOf(typeof(EventNames).GetFields().Select(f => (string)f.GetValue(null)!));
        // Every dirty user id is far above the real ones; none reached the database.
        IngestRun.Query(dir.File("db.duckdb"), "SELECT max(user_id) FROM users")[0][0].Should().Be(2000L);
        File.ReadLines(dir.File("out/rejected-events.csv")).Should().HaveCount((int)report.DirtyEvents + 1);
        File.ReadLines(dir.File("out/rejected-users.csv")).Should().HaveCount((int)report.DirtyUsers + 1);
    }
}
