using System.Linq.Expressions;
using DuckMart.Data;
using DuckMart.Domain;
using DuckMart.Segments.Linq;

namespace DuckMart.Bench;

/// <summary>
/// (e) in the report: the segment as plain LINQ (<see cref="NaturalLinq"/>) through <c>db.Users.WhereSegment</c>, in
/// process: its count, then every ID, as the OData column reads them; and which path the recogniser took.
/// </summary>
public sealed class LinqRunner(DuckMartDb db, BenchOptions options)
{
    public string? Path { get; private set; }

    public Task<Measurement> MeasureAsync(Expression<Func<User, bool>> predicate, CancellationToken cancellationToken) =>
        Measure.RunAsync(ct => RunAsync(predicate, ct), options.Warmup, options.Iterations, options.Budget, cancellationToken);

    // Synchronous, as most LINQ consumers write it (Count(), ToList()); the cancellation token bounds the whole run.
    private Task<RunResult> RunAsync(Expression<Func<User, bool>> predicate, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var users = db.Users.WhereSegment(predicate, out var path);
        Path = EnginePathHeader.Value(path);
        var count = users.Count();
        var ids = users.Select(u => u.UserId).OrderBy(id => id).ToList();
        if (ids.Count != count)
        {
            throw new InvalidOperationException($"count {count} but {ids.Count} ids");
        }

        return Task.FromResult(RunResult.OfIds(ids));
    }
}
