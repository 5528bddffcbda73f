using System.Text.Json;
using CsCheck;
using DuckMart.Segments.Spec;
using DuckMart.Segments.Tests.Rendering;
using Xunit.Abstractions;

namespace DuckMart.Segments.Tests.Differential;

/// <summary>
/// Random valid specs evaluated twice, by DuckDB through the translator and by <see cref="ReferenceEvaluator"/>
/// over lists, must select exactly the same users. DIFF_ITERATIONS (default 200, about 25 s here: linq2db translates each new query shape afresh) and DIFF_SEED make longer or
/// repeatable runs; a failure prints the spec, asOf, zone and CsCheck's seed to replay it.
/// </summary>
public sealed class DifferentialTests(ITestOutputHelper output) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { IgnoreReadOnlyProperties = true };

    private readonly (List<Domain.User> Users, List<Domain.Event> Events) _data = DifferentialData.Build(seed: 20251231);
    private TestDatabase? _database;

    [Fact]
    public void Translator_and_reference_evaluator_select_the_same_users_for_random_specs()
    {
        _database = new TestDatabase(_data.Users, _data.Events);
        var saved = SpecGenerators.Saved();
        var reference = new ReferenceEvaluator(_data.Users, _data.Events, saved);
        var savedSegments = new DictionarySavedSegments(saved);
        var iterations = long.TryParse(Environment.GetEnvironmentVariable("DIFF_ITERATIONS"), out var n) ? n : 200;
        var seed = Environment.GetEnvironmentVariable("DIFF_SEED") is { Length: > 0 } s ? s : null;
        var checkedCases = 0;
        var nonTrivial = 0;

        using var db = _database.Open();
        SpecGenerators.Case.Sample(
            c =>
            {
                EvaluationTime.TryFindZone(c.Zone, out var zone);
                var time = new EvaluationTime(new DateTimeOffset(c.AsOf), zone);
                var expected = reference.Evaluate(c.Where, c.AsOf, zone);
                var actual = SegmentQuery.Create(db, c.Where, time, savedSegments).UserIds.ToList();
                checkedCases++;

                // The API's path (its own SQL), asked three times with three asOfs: the second sighting of the shape
                // teaches the translation cache, the third binds new values into the cached SQL.
                if (checkedCases % 3 == 0)
                {
                    foreach (var days in new[] { 0, 2, 5 })
                    {
                        var asOf = c.AsOf.AddDays(-days);
                        var served = SegmentRuns.Ids(SegmentQuery.Create(db, c.Where, new EvaluationTime(new DateTimeOffset(asOf), zone), savedSegments));
                        var truth = reference.Evaluate(c.Where, asOf, zone);
                        if (!served.SequenceEqual(truth))
                        {
                            throw new InvalidOperationException(
                                $"Disagreement on the served path at asOf {asOf:O} in {c.Zone}\nspec: {JsonSerializer.Serialize(c.Where, Json)}\n" +
                                $"only SQL: [{string.Join(",", served.Except(truth))}] only reference: [{string.Join(",", truth.Except(served))}]");
                        }
                    }
                }
                if (expected.Count > 0 && expected.Count < _data.Users.Count)
                {
                    nonTrivial++;
                }

                if (!actual.SequenceEqual(expected))
                {
                    throw new InvalidOperationException(
                        $"Disagreement at asOf {c.AsOf:O} in {c.Zone}\nspec: {JsonSerializer.Serialize(c.Where, Json)}\n" +
                        $"only SQL: [{string.Join(",", actual.Except(expected))}] only reference: [{string.Join(",", expected.Except(actual))}]");
                }
            },
            writeLine: output.WriteLine,
            seed: seed,
            iter: iterations,
            threads: 1,
            print: c => $"asOf {c.AsOf:O} zone {c.Zone} spec {JsonSerializer.Serialize(c.Where, Json)}");

        output.WriteLine($"{checkedCases} specs agreed; {nonTrivial} selected some but not all users.");
        nonTrivial.Should().BeGreaterThan(checkedCases / 4, "the generated specs should mostly be selective, or the test proves little");
    }

    public void Dispose() => _database?.Dispose();
}
