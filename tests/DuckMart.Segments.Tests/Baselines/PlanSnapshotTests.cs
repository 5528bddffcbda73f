using DuckMart.Segments.Spec;
using DuckMart.Segments.Tests.Translation;
using static DuckMart.Segments.Tests.SpecBuilder;

namespace DuckMart.Segments.Tests.Baselines;

/// <summary>
/// The plan of every baseline spec, one reviewed file each (Baselines/&lt;name&gt;.plan beside &lt;name&gt;.sql):
/// a change of a planning rule shows as a plan diff next to its SQL diff. UPDATE_BASELINES=1 rewrites them.
/// </summary>
public sealed class PlanSnapshotTests(SampleData data) : IClassFixture<SampleData>
{
    public static TheoryData<string> Names => SqlBaselineTests.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public void Plan_matches_the_reviewed_snapshot(string name)
    {
        using var db = data.Open();
        var saved = new DictionarySavedSegments(new Dictionary<string, Condition> { ["buyers"] = new EventCondition("PURCHASE_MADE", Last("P90D")) });
        var zone = name.EndsWith("-zone", StringComparison.Ordinal) ? "America/New_York" : "UTC";
        var plan = SegmentQuery.Create(db, SqlBaselineTests.Specs[name], At("2025-12-31T00:00:00Z", zone), saved).ExplainPlan();

        SqlBaselines.Verify(name, plan, extension: ".plan");
    }

    [Fact]
    public void Negation_reaches_the_leaves_and_flips_the_set()
    {
        using var db = data.Open();
        var spec = new NotCondition(new AndCondition([Attr("age", "lt", 18), new EventCondition("LOGIN", Last("P14D"), Count: Count("lt", 3))]));
        var plan = SegmentQuery.Create(db, spec, At("2025-12-31T00:00:00Z", "UTC"), new DictionarySavedSegments(new Dictionary<string, Condition>())).ExplainPlan();

        // not (a and b) = (not a) or (not b); "not (count < 3)" is "count >= 3", an included grouped set.
        plan.Should().Be(
            "any of\n"
            + "  not attribute age lt 18\n"
            + "  users in events LOGIN [2025-12-17T00:00:00Z, 2025-12-31T00:00:00Z) group by user having count gte 3\n");
    }
}
