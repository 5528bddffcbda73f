using System.Text.Json;
using CsCheck;
using DuckMart.Data.ClickHouse;
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

    public void Dispose() => _database?.Dispose();
}
