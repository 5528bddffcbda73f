using System.Text;
using System.Text.Json;
using CsCheck;
using DuckMart.Segments.Dynamics;
using DuckMart.Segments.Spec;
using DuckMart.Segments.Tests.Differential;

namespace DuckMart.Segments.Tests.Dynamics;

/// <summary>
/// Changes computed in one SQL statement against the independent <see cref="ReferenceEvaluator"/>: its answers at
/// both instants, differenced in C#. The instants are the differential data's DST changes and local midnights,
/// in every zone the generator uses, with <c>from</c> a few days (and so a DST change) before <c>to</c>.
/// </summary>
public sealed class SegmentChangesTests : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { IgnoreReadOnlyProperties = true };

    private readonly (List<Domain.User> Users, List<Domain.Event> Events) _data = DifferentialData.Build(seed: 20251231);
    private readonly TestDatabase _database;

    public SegmentChangesTests() => _database = new TestDatabase(_data.Users, _data.Events);

    [Fact]
    public void Entered_and_left_agree_with_the_reference_evaluator_for_random_specs()
    {
        var saved = SpecGenerators.Saved();
        var reference = new ReferenceEvaluator(_data.Users, _data.Events, saved);
        var savedSegments = new DictionarySavedSegments(saved);
        var moved = 0;
        using var db = _database.Open();
        SpecGenerators.Case.Select(Gen.Int[1, 9]).Sample(
            pair =>
            {
                var (c, daysBack) = pair;
                EvaluationTime.TryFindZone(c.Zone, out var zone);
                var to = c.AsOf;
                var from = to.AddDays(-daysBack).AddHours(-daysBack);
                var atFrom = reference.Evaluate(c.Where, from, zone);
                var atTo = reference.Evaluate(c.Where, to, zone);
                var entered = atTo.Except(atFrom).Order().ToList();
                var left = atFrom.Except(atTo).Order().ToList();

                var changes = SegmentChanges.ComputeAsync(db, c.Where, new DateTimeOffset(from), new DateTimeOffset(to), zone, savedSegments, 1000, CancellationToken.None)
                    .GetAwaiter().GetResult();
                if (entered.Count + left.Count > 0)
                {
                    moved++;
                }

                var agrees = changes.CountFrom == atFrom.Count && changes.CountTo == atTo.Count
                    && changes.Entered.SequenceEqual(entered) && changes.Left.SequenceEqual(left)
                    && changes.EnteredCount == entered.Count && changes.LeftCount == left.Count
                    && changes.Stayed == atTo.Intersect(atFrom).Count();
                if (!agrees)
                {
                    throw new InvalidOperationException(
                        $"Disagreement from {from:O} to {to:O} in {c.Zone}\nspec: {JsonSerializer.Serialize(c.Where, Json)}\n"
                        + $"entered SQL [{string.Join(",", changes.Entered)}] reference [{string.Join(",", entered)}]; "
                        + $"left SQL [{string.Join(",", changes.Left)}] reference [{string.Join(",", left)}]");
                }
            },
            iter: 60,
            threads: 1,
            print: p => $"asOf {p.Item1.AsOf:O} zone {p.Item1.Zone} back {p.Item2} spec {JsonSerializer.Serialize(p.Item1.Where, Json)}");

        moved.Should().BeGreaterThan(5, "some random segments should change membership between the two instants, or the test proves little");
    }

    [Fact]
    public async Task Limit_caps_each_list_but_not_the_counts()
    {
        using var db = _database.Open();
        var where = Read("""{ "type": "event", "name": "LOGIN", "window": { "last": "P1D" } }""");
        var to = new DateTimeOffset(DifferentialData.AsOfs[^1]);
        var full = await SegmentChanges.ComputeAsync(db, where, to.AddDays(-20), to, TimeZoneInfo.Utc, new DictionarySavedSegments(new Dictionary<string, Condition>()), 1000, default);
        var capped = await SegmentChanges.ComputeAsync(db, where, to.AddDays(-20), to, TimeZoneInfo.Utc, new DictionarySavedSegments(new Dictionary<string, Condition>()), 1, default);

        (full.EnteredCount + full.LeftCount).Should().BeGreaterThan(0);
        capped.Entered.Count.Should().Be(Math.Min(1, full.Entered.Count));
        capped.Left.Count.Should().Be(Math.Min(1, full.Left.Count));
        capped.EnteredCount.Should().Be(full.EnteredCount);
        capped.LeftCount.Should().Be(full.LeftCount);
        capped.Entered.Should().Equal(full.Entered.Take(1));
    }

    [Fact]
    public void Reader_reports_every_bad_member_with_its_pointer()
    {
        var body = """{ "where": { "type": "attribute", "field": "agee", "op": "eq", "value": 1 }, "from": "2025-12-31T00:00:00Z", "to": "2025-12-01T00:00:00Z", "timezone": "Mars/Olympus", "limit": 0, "extra": 1 }""";
        var act = () => ChangesRequestReader.Read(Encoding.UTF8.GetBytes(body), new DictionarySavedSegments(new Dictionary<string, Condition>()));

        var errors = act.Should().Throw<SegmentException>().Which.Errors.Select(e => (e.Pointer, e.Code)).ToList();
        errors.Should().Contain(("/where/field", "unknown_field"))
            .And.Contain(("/to", "invalid_window"))
            .And.Contain(("/timezone", "invalid_timezone"))
            .And.Contain(("/limit", "invalid_limit"))
            .And.Contain(("/extra", "unknown_property"));
    }

    [Fact]
    public void Reader_requires_where_from_and_to()
    {
        var act = () => ChangesRequestReader.Read("{}"u8, new DictionarySavedSegments(new Dictionary<string, Condition>()));

        act.Should().Throw<SegmentException>().Which.Errors.Select(e => (e.Pointer, e.Code))
            .Should().BeEquivalentTo([("/where", "missing_field"), ("/from", "missing_field"), ("/to", "missing_field")]);
    }

    private static Condition Read(string json) =>
        SegmentSpecReader.ReadCondition(Encoding.UTF8.GetBytes(json), new DictionarySavedSegments(new Dictionary<string, Condition>()));

    public void Dispose() => _database.Dispose();
}
