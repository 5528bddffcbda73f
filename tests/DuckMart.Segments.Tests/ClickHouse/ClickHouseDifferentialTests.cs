using System.Text.Json;
using CsCheck;
using DuckMart.Data.ClickHouse;
using DuckMart.Segments.Dynamics;
using DuckMart.Segments.Rendering.ClickHouse;
using DuckMart.Segments.Spec;
using DuckMart.Segments.Tests.Differential;
using Xunit.Abstractions;

namespace DuckMart.Segments.Tests.ClickHouse;

/// <summary>
/// The differential test of <see cref="DifferentialTests"/> across engines: the same random specs on the same
/// edge-case data, evaluated by DuckDB (<see cref="SegmentQuery"/>) and by the live two-shard cluster
/// (<see cref="ClickHouseSegmentQuery"/>), must select exactly the same users, and both must agree with
/// <see cref="ReferenceEvaluator"/>. CH_DIFF_ITERATIONS (default 150) and DIFF_SEED as there.
/// </summary>
public sealed class ClickHouseDifferentialTests(ITestOutputHelper output) : IDisposable
{
    private const string Database = "duckmart_test_differential";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { IgnoreReadOnlyProperties = true };

    private readonly (List<Domain.User> Users, List<Domain.Event> Events) _data = DifferentialData.Build(seed: 20251231);
    private TestDatabase? _database;

    [Theory]
    [InlineData(ClickHouseDistribution.ShardLocal, 150)]
    [InlineData(ClickHouseDistribution.GlobalIn, 40)]
    public async Task DuckDB_and_the_cluster_select_the_same_users_for_random_specs(ClickHouseDistribution distribution, int defaultIterations)
    {
        _database = new TestDatabase(_data.Users, _data.Events);
        await ClickHouseTestData.LoadAsync(Database + "_" + distribution.ToString().ToLowerInvariant(), _data.Users, _data.Events);
        using var http = ClickHouseHttp.Open(ClickHouseTestData.Url(Database + "_" + distribution.ToString().ToLowerInvariant()));
        var saved = new DictionarySavedSegments(SpecGenerators.Saved());
        var reference = new ReferenceEvaluator(_data.Users, _data.Events, SpecGenerators.Saved());
        var iterations = long.TryParse(Environment.GetEnvironmentVariable("CH_DIFF_ITERATIONS"), out var n) ? n : defaultIterations;
        var seed = Environment.GetEnvironmentVariable("DIFF_SEED") is { Length: > 0 } s ? s : null;
        var checkedCases = 0;
        var nonTrivial = 0;

        using var db = _database.Open();
        SpecGenerators.Case.Sample(
            c =>
            {
                EvaluationTime.TryFindZone(c.Zone, out var zone);
                var time = new EvaluationTime(new DateTimeOffset(c.AsOf), zone);
                var duck = SegmentQuery.Create(db, c.Where, time, saved).UserIds.ToList();
                var query = ClickHouseSegmentQuery.Create(c.Where, time, saved, http.Database, distribution);
                var cluster = query.ReadIdsAsync(http, null, null, null, CancellationToken.None).GetAwaiter().GetResult();
                var expected = reference.Evaluate(c.Where, c.AsOf, zone);
                checkedCases++;
                if (expected.Count > 0 && expected.Count < _data.Users.Count)
                {
                    nonTrivial++;
                }

                if (!cluster.SequenceEqual(duck) || !duck.SequenceEqual(expected))
                {
                    throw new InvalidOperationException(
                        $"Disagreement at asOf {c.AsOf:O} in {c.Zone}\nspec: {JsonSerializer.Serialize(c.Where, Json)}\n" +
                        $"only ClickHouse: [{string.Join(",", cluster.Except(duck))}] only DuckDB: [{string.Join(",", duck.Except(cluster))}] " +
                        $"DuckDB vs reference: {duck.SequenceEqual(expected)}\nSQL: {query.IdsSql}");
                }
            },
            writeLine: output.WriteLine,
            seed: seed,
            iter: iterations,
            threads: 1,
            print: c => $"asOf {c.AsOf:O} zone {c.Zone} spec {JsonSerializer.Serialize(c.Where, Json)}");

        output.WriteLine($"{checkedCases} specs agreed on DuckDB and ClickHouse ({distribution}); {nonTrivial} selected some but not all users.");
        nonTrivial.Should().BeGreaterThan(checkedCases / 4, "the generated specs should mostly be selective, or the test proves little");
    }

    /// <summary>
    /// CONTRACT.md section 5 on the cluster: for random specs, changes between two instants (IDs cut at a small limit,
    /// so the cut is tested too) and a size series of four points, by <see cref="ClickHouseSegmentDynamics"/> and by
    /// DuckDB's <see cref="DuckDbSegmentDynamics"/>, must be equal, and equal to the reference evaluator's sets at each instant.
    /// CH_DYN_ITERATIONS (default 60) and DIFF_SEED.
    /// </summary>
    [Theory]
    [InlineData(ClickHouseDistribution.ShardLocal, 60)]
    [InlineData(ClickHouseDistribution.GlobalIn, 15)]
    public async Task DuckDB_and_the_cluster_give_the_same_changes_and_sizes_for_random_specs(ClickHouseDistribution distribution, int defaultIterations)
    {
        var database = Database + "_dynamics_" + distribution.ToString().ToLowerInvariant();
        _database = new TestDatabase(_data.Users, _data.Events);
        await ClickHouseTestData.LoadAsync(database, _data.Users, _data.Events);
        using var http = ClickHouseHttp.Open(ClickHouseTestData.Url(database));
        var saved = new DictionarySavedSegments(SpecGenerators.Saved());
        var reference = new ReferenceEvaluator(_data.Users, _data.Events, SpecGenerators.Saved());
        var iterations = long.TryParse(Environment.GetEnvironmentVariable("CH_DYN_ITERATIONS"), out var n) ? n : defaultIterations;
        var seed = Environment.GetEnvironmentVariable("DIFF_SEED") is { Length: > 0 } s ? s : null;
        const int Limit = 3;
        var moved = 0;
        var varied = 0;

        using var db = _database.Open();
        var duck = new DuckDbSegmentDynamics(db);
        var cluster = new ClickHouseSegmentDynamics(http, TimeSpan.FromSeconds(30), distribution);
        SpecGenerators.Case.Sample(
            c =>
            {
                EvaluationTime.TryFindZone(c.Zone, out var zone);
                var to = new DateTimeOffset(c.AsOf);
                var from = to.AddDays(-10);
                var points = SizePoints.Between(to.AddDays(-21), to, TimeSpan.FromDays(7));

                var duckChanges = duck.ChangesAsync(c.Where, from, to, zone, saved, Limit, CancellationToken.None).GetAwaiter().GetResult();
                var clusterChanges = cluster.ChangesAsync(c.Where, from, to, zone, saved, Limit, CancellationToken.None).GetAwaiter().GetResult();
                var (atFrom, atTo) = (reference.Evaluate(c.Where, from.UtcDateTime, zone), reference.Evaluate(c.Where, to.UtcDateTime, zone));
                var entered = atTo.Except(atFrom).Order().ToList();
                var left = atFrom.Except(atTo).Order().ToList();
                var expected = new SegmentChanges(from.UtcDateTime, to.UtcDateTime, atFrom.Count, atTo.Count, entered.Count, entered.Take(Limit).ToList(), left.Count, left.Take(Limit).ToList());

                var duckSizes = duck.SizesAsync(c.Where, points, zone, saved, CancellationToken.None).GetAwaiter().GetResult();
                var clusterSizes = cluster.SizesAsync(c.Where, points, zone, saved, CancellationToken.None).GetAwaiter().GetResult();
                var expectedSizes = points.Select(p => new SizePoint(p.UtcDateTime, reference.Evaluate(c.Where, p.UtcDateTime, zone).Count)).ToList();

                if (!Same(clusterChanges, duckChanges) || !Same(duckChanges, expected)
                    || !clusterSizes.SequenceEqual(duckSizes) || !duckSizes.SequenceEqual(expectedSizes))
                {
                    throw new InvalidOperationException(
                        $"Disagreement from {from:O} to {to:O} in {c.Zone}\nspec: {JsonSerializer.Serialize(c.Where, Json)}\n"
                        + $"ClickHouse {Show(clusterChanges)}\nDuckDB     {Show(duckChanges)}\nreference  {Show(expected)}\n"
                        + $"sizes ClickHouse [{string.Join(",", clusterSizes.Select(p => p.Count))}] DuckDB [{string.Join(",", duckSizes.Select(p => p.Count))}] "
                        + $"reference [{string.Join(",", expectedSizes.Select(p => p.Count))}]");
                }

                moved += expected.EnteredCount + expected.LeftCount > 0 ? 1 : 0;
                varied += expectedSizes.Select(p => p.Count).Distinct().Count() > 1 ? 1 : 0;
            },
            writeLine: output.WriteLine,
            seed: seed,
            iter: iterations,
            threads: 1,
            print: c => $"asOf {c.AsOf:O} zone {c.Zone} spec {JsonSerializer.Serialize(c.Where, Json)}");

        output.WriteLine($"{iterations} specs' changes and sizes agreed ({distribution}); {moved} had users who moved, {varied} sizes that varied.");
        moved.Should().BeGreaterThan((int)(iterations / 5), "enough specs should have users entering or leaving, or the test proves little");
    }

    private static bool Same(SegmentChanges a, SegmentChanges b) =>
        a.FromUtc == b.FromUtc && a.ToUtc == b.ToUtc && a.CountFrom == b.CountFrom && a.CountTo == b.CountTo
        && a.EnteredCount == b.EnteredCount && a.LeftCount == b.LeftCount && a.Entered.SequenceEqual(b.Entered) && a.Left.SequenceEqual(b.Left);

    private static string Show(SegmentChanges c) =>
        $"from {c.CountFrom} to {c.CountTo}, entered {c.EnteredCount} [{string.Join(",", c.Entered)}], left {c.LeftCount} [{string.Join(",", c.Left)}]";

    public void Dispose() => _database?.Dispose();
}
