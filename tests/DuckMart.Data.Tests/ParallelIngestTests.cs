using LinqToDB;

namespace DuckMart.Data.Tests;

/// <summary>Ingests running at once in one process (a server reloading while a CLI command runs, or these tests).</summary>
public class ParallelIngestTests
{
    [Fact]
    public async Task Eight_ingests_at_once_each_load_their_own_rows()
    {
        // Shared Parquet field objects once let parallel writers corrupt each other's files.
        var runs = await Task.WhenAll(Enumerable.Range(1, 8).Select(k => Task.Run(() => IngestRun.Of(
            IngestRun.UsersHeader + "\n" + string.Concat(Enumerable.Range(1, k * 10).Select(i => $"{i},User {i},{20 + (i % 50)},F,Ohio,2024-01-02,free,iOS\n")),
            IngestRun.EventsHeader + "\n" + string.Concat(Enumerable.Range(1, k * 10).Select(i => $"{i},LOGIN,2025-0{1 + (i % 9)}-01T10:00:00Z\n"))))));
        try
        {
            for (var k = 1; k <= runs.Length; k++)
            {
                using var db = new DuckMartDb($"Data Source={runs[k - 1].Database};ACCESS_MODE=READ_ONLY");
                db.Users.Count().Should().Be(k * 10);
                db.Events.Count().Should().Be(k * 10);
            }
        }
        finally
        {
            foreach (var run in runs)
            {
                run.Dispose();
            }
        }
    }
}
