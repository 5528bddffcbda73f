using System.Text;
using System.Text.Json;
using CsCheck;
using DuckMart.Segments.Dynamics;
using DuckMart.Segments.Spec;
using DuckMart.Segments.Tests.Differential;
using DuckMart.Segments.Validation;

namespace DuckMart.Segments.Tests.Dynamics;

/// <summary>
/// Size series in one statement against the independent <see cref="ReferenceEvaluator"/> at every point. The last
/// point is the differential data's DST changes and local midnights, the series steps back over them by hours and
/// days, in every zone the generator uses; every plan the engine can pick must give the reference's sizes.
/// </summary>
public sealed class SegmentSizesTests : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { IgnoreReadOnlyProperties = true };

    private static readonly TimeSpan[] Steps = [TimeSpan.FromHours(7), TimeSpan.FromDays(1), TimeSpan.FromDays(3)];

    private readonly (List<Domain.User> Users, List<Domain.Event> Events) _data = DifferentialData.Build(seed: 20251231);
    private readonly TestDatabase _database;

    public SegmentSizesTests() => _database = new TestDatabase(_data.Users, _data.Events);

    [Theory]
    [InlineData(SizesPlan.Auto)]
    [InlineData(SizesPlan.OneUnion)]
    [InlineData(SizesPlan.QueryPerPoint)]
    [InlineData(SizesPlan.EventBuckets)]
    [InlineData(SizesPlan.MembershipMasks)]
    public void Sizes_agree_with_the_reference_evaluator_at_every_point(SizesPlan plan)
    {
        var saved = SpecGenerators.Saved();
        var reference = new ReferenceEvaluator(_data.Users, _data.Events, saved);
        var savedSegments = new DictionarySavedSegments(saved);
        var moving = 0;
        using var db = _database.Open();
        SpecGenerators.Case.Select(Gen.Int[2, 6], Gen.Int[0, 2]).Sample(
            triple =>
            {
                var (c, count, step) = triple;
                var every = Steps[step];
                EvaluationTime.TryFindZone(c.Zone, out var zone);
                var to = new DateTimeOffset(c.AsOf);
                var from = to - (every * (count - 1));
                var points = SizePoints.Between(from, to, every);
                var expected = points.Select(p => (long)reference.Evaluate(c.Where, p.UtcDateTime, zone).Count).ToList();
                if (expected.Distinct().Count() > 1)
                {
                    moving++;
                }

                var sizes = SegmentSizes.ComputeAsync(db, c.Where, points, zone, savedSegments, CancellationToken.None, plan).GetAwaiter().GetResult();
                if (!sizes.Select(s => s.Count).SequenceEqual(expected) || !sizes.Select(s => s.AsOfUtc).SequenceEqual(points.Select(p => p.UtcDateTime)))
                {
                    throw new InvalidOperationException(
                        $"Disagreement over {points.Count} points to {to:O} every {every} in {c.Zone}\nspec: {JsonSerializer.Serialize(c.Where, Json)}\n"
                        + $"SQL [{string.Join(",", sizes.Select(s => s.Count))}] reference [{string.Join(",", expected)}]");
                }
            },
            iter: plan == SizesPlan.Auto ? 60 : 20,
            threads: 1,
            print: t => $"asOf {t.Item1.AsOf:O} zone {t.Item1.Zone} points {t.Item2} every {Steps[t.Item3]} spec {JsonSerializer.Serialize(t.Item1.Where, Json)}");

        moving.Should().BeGreaterThan(plan == SizesPlan.Auto ? 5 : 1, "some random segments should change size over the series, or the test proves little");
    }

    /// <summary>
    /// Each one-scan plan on series it can answer: hourly and daily steps (whole steps of most generated windows),
    /// at every asOf and zone of the differential data; a fair share must be answered by the scan itself.
    /// </summary>
    [Theory]
    [InlineData(SizesPlan.EventBuckets)]
    [InlineData(SizesPlan.MembershipMasks)]
    public void One_scan_plans_agree_with_the_reference_evaluator_where_they_read_the_events_once(SizesPlan plan)
    {
        var saved = SpecGenerators.Saved();
        var reference = new ReferenceEvaluator(_data.Users, _data.Events, saved);
        var savedSegments = new DictionarySavedSegments(saved);
        TimeSpan[] steps = [TimeSpan.FromHours(1), TimeSpan.FromDays(1)];
        var once = 0;
        var moving = 0;
        using var db = _database.Open();
        SpecGenerators.Case.Select(Gen.Int[2, 6], Gen.Int[0, 1], Gen.Bool).Sample(
            (c, count, step, utc) =>
            {
                var every = steps[step];
                var zoneId = utc ? "UTC" : c.Zone;
                EvaluationTime.TryFindZone(zoneId, out var zone);
                // Daily UTC series end at a midnight, so distinct days (one bucket a UTC day) are in reach too.
                var to = new DateTimeOffset(utc && step == 1 ? c.AsOf.Date : c.AsOf, TimeSpan.Zero);
                var points = SizePoints.Between(to - (every * (count - 1)), to, every);
                if (!SegmentSizes.ReadsEventsOnce(db, c.Where, points, zone, savedSegments, plan))
                {
                    return;
                }

                once++;
                var expected = points.Select(p => (long)reference.Evaluate(c.Where, p.UtcDateTime, zone).Count).ToList();
                moving += expected.Distinct().Count() > 1 ? 1 : 0;
                var sizes = SegmentSizes.ComputeAsync(db, c.Where, points, zone, savedSegments, CancellationToken.None, plan).GetAwaiter().GetResult();
                if (!sizes.Select(s => s.Count).SequenceEqual(expected))
                {
                    throw new InvalidOperationException(
                        $"{plan} disagrees over {points.Count} points to {to:O} every {every} in {zoneId}\nspec: {JsonSerializer.Serialize(c.Where, Json)}\n"
                        + $"SQL [{string.Join(",", sizes.Select(s => s.Count))}] reference [{string.Join(",", expected)}]");
                }
            },
            // Masks answer only trees whose events matter by whether one happened: about one random tree in 25. The
            // buckets answer about one in 6, so 150 tries fell short of 21 now and then (18 seen): 300.
            iter: plan == SizesPlan.MembershipMasks ? 800 : 300,
            threads: 1,
            print: t => $"asOf {t.Item1.AsOf:O} zone {t.Item1.Zone} points {t.Item2} every {steps[t.Item3]} utc {t.Item4} spec {JsonSerializer.Serialize(t.Item1.Where, Json)}");

        once.Should().BeGreaterThan(20, "many random segments should be answered by one scan, or the test proves little");
        moving.Should().BeGreaterThan(5, "some of them should move over the series");
    }

    private static readonly string[] CountWindows = ["PT1H", "PT12H", "P1D", "P2D", "P7D", "P14D", "P30D"];

    /// <summary>
    /// Counts and distinct days above one in a window, the mask plan's "at least c" runs: every operator and value
    /// 0-5, alone, negated and mixed with other leaves, hourly and daily series in every zone (distinct days only in
    /// UTC days, where the plan takes them); every point against the reference. Each case must be answered by the runs.
    /// </summary>
    [Fact]
    public void Counts_above_one_in_a_window_agree_with_the_reference_evaluator_in_the_mask_plan()
    {
        var saved = SpecGenerators.Saved();
        var reference = new ReferenceEvaluator(_data.Users, _data.Events, saved);
        var savedSegments = new DictionarySavedSegments(saved);
        TimeSpan[] steps = [TimeSpan.FromHours(1), TimeSpan.FromDays(1)];
        var counted = 0;
        var moving = 0;
        var measure = Gen.OneOf(
            Gen.Select(Gen.OneOf("eq", "neq", "gt", "gte", "lt", "lte"), Gen.Long[0, 5], (op, n) => new CountMeasure(op, JsonSerializer.SerializeToElement(n))),
            Gen.Select(Gen.Long[0, 5], Gen.Long[0, 5], (a, b) => new CountMeasure("between", JsonSerializer.SerializeToElement(new[] { Math.Min(a, b), Math.Max(a, b) }))));
        var leaf = Gen.Select(Gen.OneOf(DifferentialData.EventNames.Select(n => (string?)n).Append(null).ToArray()), Gen.OneOf(CountWindows), measure, Gen.Bool,
            (name, window, m, days) => days
                ? new EventCondition(name, new EventWindow(Last: IsoDuration.Parse(window)), DistinctDays: m)
                : new EventCondition(name, new EventWindow(Last: IsoDuration.Parse(window)), Count: m));
        var where = Gen.Frequency(
            (3, leaf.Select(e => (Condition)e)),
            (1, leaf.Select(e => (Condition)new NotCondition(e))),
            (2, Gen.Select(leaf, SpecGenerators.Event, SpecGenerators.Attribute, Gen.Int[0, 2], (a, b, attr, shape) => shape switch
            {
                0 => (Condition)new AndCondition([a, b]),
                1 => new OrCondition([a, new NotCondition(b)]),
                _ => new AndCondition([attr, a]),
            })));
        Gen.Select(where, Gen.OneOf(DifferentialData.AsOfs), Gen.OneOf(DifferentialData.Zones), Gen.Int[2, 6], Gen.Int[0, 1]).Sample(
            (condition, asOf, zoneId, count, step) =>
            {
                var to = new DateTimeOffset(zoneId == "UTC" && step == 1 ? asOf.Date : asOf, TimeSpan.Zero);
                if (MasksAgree(condition, to, steps[step], count, zoneId, reference, savedSegments, "_runs AS") is { } seen)
                {
                    counted += seen.Answered ? 1 : 0;
                    moving += seen.Moving ? 1 : 0;
                }
            },
            iter: 400,
            threads: 1,
            print: t => $"asOf {t.Item2:O} zone {t.Item3} points {t.Item4} every {steps[t.Item5]} spec {JsonSerializer.Serialize(t.Item1, Json)}");

        counted.Should().BeGreaterThan(100, "most cases should be answered by the at-least runs, or the test proves little");
        moving.Should().BeGreaterThan(30, "many of them should move over the series");
    }

    private static readonly string[] Withins = ["PT1H", "PT12H", "P1D", "P3D", "P7D"];

    /// <summary>
    /// Sequences in the mask plan (06's and 10's shapes): one to three steps of random names and limits, with or
    /// without an absent last step, no window or <c>last</c>, alone, negated and with an attribute or another event, hourly and daily series in every
    /// zone; every point against the reference. Each case must be answered by the runs, not a query a point.
    /// </summary>
    [Fact]
    public void Sequences_agree_with_the_reference_evaluator_in_the_mask_plan()
    {
        var saved = SpecGenerators.Saved();
        var reference = new ReferenceEvaluator(_data.Users, _data.Events, saved);
        var savedSegments = new DictionarySavedSegments(saved);
        TimeSpan[] steps = [TimeSpan.FromHours(1), TimeSpan.FromDays(1)];
        var moving = 0;
        var names = DifferentialData.EventNames.ToArray();
        var withinOrNot = Gen.OneOf(Withins.Select(w => (IsoDuration?)IsoDuration.Parse(w)).Append(null).ToArray());
        var step = Gen.Select(Gen.OneOf(names), withinOrNot, (n, within) => new SequenceStep(n, within));
        var sequence = Gen.Select(step.Array[1, 3], Gen.Bool, Gen.OneOf(names), Gen.OneOf(Withins), Gen.OneOf("", "P1D", "P7D", "P30D"),
            (chain, absent, absentName, within, window) => new SequenceCondition(
                absent ? [.. chain, new SequenceStep(absentName, IsoDuration.Parse(within), Absent: true)] : chain,
                window.Length == 0 ? null : new EventWindow(Last: IsoDuration.Parse(window))));
        var where = Gen.Frequency(
            (3, sequence.Select(q => (Condition)q)),
            (1, sequence.Select(q => (Condition)new NotCondition(q))),
            (2, Gen.Select(sequence, SpecGenerators.Event, SpecGenerators.Attribute, Gen.Int[0, 1], (q, e, attr, shape) => shape == 0
                ? (Condition)new AndCondition([attr, q])
                : new OrCondition([q, new NotCondition(e)]))));
        var answered = 0;
        Gen.Select(where, Gen.OneOf(DifferentialData.AsOfs), Gen.OneOf(DifferentialData.Zones), Gen.Int[2, 8], Gen.Int[0, 1]).Sample(
            (condition, asOf, zoneId, count, step) =>
            {
                if (MasksAgree(condition, new DateTimeOffset(asOf, TimeSpan.Zero), steps[step], count, zoneId, reference, savedSegments, "q0_runs AS") is { } seen)
                {
                    answered += seen.Answered ? 1 : 0;
                    moving += seen.Moving ? 1 : 0;
                }
            },
            iter: 300,
            threads: 1,
            print: t => $"asOf {t.Item2:O} zone {t.Item3} points {t.Item4} every {steps[t.Item5]} spec {JsonSerializer.Serialize(t.Item1, Json)}");

        answered.Should().BeGreaterThan(200, "the sequence runs should answer nearly every case, or the test proves little");
        moving.Should().BeGreaterThan(30, "many of them should move over the series");
    }

    /// <summary>
    /// The mask plan's sizes at <paramref name="count"/> points every <paramref name="every"/> up to <paramref name="to"/>
    /// against the reference at each point (throws on a difference); null when the plan takes a query a point.
    /// Answered: its SQL contains <paramref name="answeredBy"/> (the CTE of the shape under test); Moving: the sizes differ.
    /// </summary>
    private (bool Answered, bool Moving)? MasksAgree(
        Condition condition, DateTimeOffset to, TimeSpan every, int count, string zoneId, ReferenceEvaluator reference, DictionarySavedSegments savedSegments, string answeredBy)
    {
        EvaluationTime.TryFindZone(zoneId, out var zone);
        var points = SizePoints.Between(to - (every * (count - 1)), to, every);
        using var db = _database.Open();
        if (SegmentSizes.ExplainEventBuckets(db, condition, points, zone, savedSegments, SizesPlan.MembershipMasks) is not { } statement)
        {
            return null;
        }

        var expected = points.Select(p => (long)reference.Evaluate(condition, p.UtcDateTime, zone).Count).ToList();
        var sizes = SegmentSizes.ComputeAsync(db, condition, points, zone, savedSegments, CancellationToken.None, SizesPlan.MembershipMasks).GetAwaiter().GetResult();
        if (!sizes.Select(s => s.Count).SequenceEqual(expected))
        {
            throw new InvalidOperationException(
                $"Masks disagree over {points.Count} points to {to:O} every {every} in {zoneId}\nspec: {JsonSerializer.Serialize(condition, Json)}\n"
                + $"SQL [{string.Join(",", sizes.Select(s => s.Count))}] reference [{string.Join(",", expected)}]");
        }

        return (statement.Sql.Contains(answeredBy, StringComparison.Ordinal), expected.Distinct().Count() > 1);
    }

    [Fact]
    public async Task A_relative_window_runs_as_one_points_table_and_agrees_with_one_query_a_point()
    {
        using var db = _database.Open();
        var where = Read("""{ "type": "event", "name": "LOGIN", "count": { "op": "eq", "value": 0 }, "window": { "last": "P3D" } }""");
        var to = new DateTimeOffset(DifferentialData.AsOfs[^1]);
        var points = SizePoints.Between(to.AddDays(-20), to, TimeSpan.FromDays(1));
        var none = new DictionarySavedSegments(new Dictionary<string, Condition>());

        var table = await SegmentSizes.ComputeAsync(db, where, points, TimeZoneInfo.Utc, none, default, SizesPlan.PointsTable);
        var each = await SegmentSizes.ComputeAsync(db, where, points, TimeZoneInfo.Utc, none, default, SizesPlan.QueryPerPoint);

        table.Should().Equal(each);
        table.Select(p => p.Count).Distinct().Should().HaveCountGreaterThan(1, "the window moves with each point");
    }

    [Theory]
    [InlineData(SizesPlan.MembershipMasks)]
    [InlineData(SizesPlan.EventBuckets)]
    public async Task A_chain_of_references_too_long_to_follow_is_too_deep_in_the_one_scan_plans(SizesPlan plan)
    {
        // Both one-scan plans inline saved segments through the one reference graph; the mask plan once kept a walk of
        // its own with no depth limit, which a long enough chain would have taken to a stack overflow.
        var chain = new Dictionary<string, Condition> { ["s100000"] = new EventCondition("LOGIN") };
        for (var i = 0; i < 100_000; i++)
        {
            chain[$"s{i}"] = new SegmentCondition($"s{i + 1}");
        }

        using var db = _database.Open();
        var to = new DateTimeOffset(DifferentialData.AsOfs[^1]);
        var points = SizePoints.Between(to.AddDays(-3), to, TimeSpan.FromDays(1));
        var saved = new DictionarySavedSegments(chain);
        var run = () => SegmentSizes.ComputeAsync(db, new SegmentCondition("s0"), points, TimeZoneInfo.Utc, saved, default, plan);

        (await run.Should().ThrowAsync<SegmentException>()).Which.Errors.Should().ContainSingle().Which.Code.Should().Be(ErrorCodes.TooDeep);
    }

    [Fact]
    public void Reader_refuses_more_than_400_points_before_listing_any()
    {
        var body = """{ "where": { "type": "event", "name": "LOGIN" }, "from": "1900-01-01T00:00:00Z", "to": "9999-01-01T00:00:00Z", "every": "PT1S" }""";
        var act = () => SizesRequestReader.Read(Encoding.UTF8.GetBytes(body), new DictionarySavedSegments(new Dictionary<string, Condition>()));

        act.Should().Throw<SegmentException>().Which.Errors.Select(e => (e.Pointer, e.Code)).Should().Equal([("/every", "too_many_points")]);
    }

    [Fact]
    public void Reader_accepts_exactly_400_points_and_one_point_when_from_is_to()
    {
        var none = new DictionarySavedSegments(new Dictionary<string, Condition>());
        var four = SizesRequestReader.Read("""{ "where": { "type": "event" }, "from": "2025-01-01T00:00:00Z", "to": "2025-01-17T15:00:00Z", "every": "PT1H" }"""u8, none);
        var one = SizesRequestReader.Read("""{ "where": { "type": "event" }, "from": "2025-01-01T00:00:00Z", "to": "2025-01-01T00:00:00Z", "every": "P1D" }"""u8, none);

        four.Points.Should().HaveCount(400);
        four.Points[^1].Should().Be(four.To);
        one.Points.Should().Equal(one.From);
    }

    [Fact]
    public async Task The_linq_surface_answers_as_the_engine_does()
    {
        using var db = _database.Open();
        var segment = DuckMart.Segments.Linq.Segment.Parse("""{ "type": "event", "name": "LOGIN", "count": { "op": "eq", "value": 0 }, "window": { "last": "P3D" } }""");
        var to = new DateTimeOffset(DifferentialData.AsOfs[^1]);
        var none = new DictionarySavedSegments(new Dictionary<string, Condition>());

        var sizes = await DuckMart.Segments.Linq.SegmentDynamics.SizesAsync(segment, db, to.AddDays(-6), to, TimeSpan.FromDays(2), "Europe/London");
        var changes = await DuckMart.Segments.Linq.SegmentDynamics.ChangesAsync(segment, db, to.AddDays(-6), to, "Europe/London");

        sizes.Select(p => p.AsOfUtc).Should().Equal(SizePoints.Between(to.AddDays(-6), to, TimeSpan.FromDays(2)).Select(p => p.UtcDateTime));
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        sizes.Should().Equal(await SegmentSizes.ComputeAsync(db, segment.Condition, SizePoints.Between(to.AddDays(-6), to, TimeSpan.FromDays(2)), london, none, default, SizesPlan.QueryPerPoint));
        changes.CountFrom.Should().Be(sizes[0].Count);
        changes.CountTo.Should().Be(sizes[^1].Count);
    }

    private static Condition Read(string json) =>
        SegmentSpecReader.ReadCondition(Encoding.UTF8.GetBytes(json), new DictionarySavedSegments(new Dictionary<string, Condition>()));

    public void Dispose() => _database.Dispose();
}
