using System.Data.Common;

namespace DuckMart.Bench;

/// <summary>
/// (a) in the report: the hand-written SQL through a raw reader, every ID read. The baseline every other
/// way of answering is divided by, so it takes the cheapest client path there is.
/// </summary>
public sealed class HandSql(DbConnection connection, BenchOptions options)
{
    public Task<Measurement> MeasureAsync(string sql, CancellationToken cancellationToken) =>
        Measure.RunAsync(_ => Task.FromResult(ReadIds(connection, sql)), options.Warmup, options.Iterations, options.Budget, cancellationToken);

    /// <summary>Alternatives get fewer runs: they are evidence for the choice of shape, not the headline.</summary>
    public Task<Measurement> MeasureAlternativeAsync(string sql, CancellationToken cancellationToken) =>
        Measure.RunAsync(_ => Task.FromResult(ReadIds(connection, sql)), 1, Math.Max(3, options.Iterations / 2), options.Budget / 2, cancellationToken);

    public static RunResult ReadIds(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        return RunResult.OfIds(ids);
    }
}
