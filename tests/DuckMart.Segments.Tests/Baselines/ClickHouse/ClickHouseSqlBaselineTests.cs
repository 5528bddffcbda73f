using DuckMart.Segments.Spec;
using static DuckMart.Segments.Tests.SpecBuilder;

namespace DuckMart.Segments.Tests.Baselines.ClickHouse;

/// <summary>
/// The ClickHouse SQL of the same specs as <see cref="SqlBaselineTests"/>, one reviewed file each beside the DuckDB
/// ones (UPDATE_BASELINES=1 rewrites them): a change of shape on either engine shows up as a diff.
/// </summary>
public sealed class ClickHouseSqlBaselineTests
{
    public static TheoryData<string> Names => [.. SqlBaselineTests.Specs.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void ClickHouse_sql_matches_the_reviewed_baseline(string name)
    {
        var saved = new DictionarySavedSegments(new Dictionary<string, Condition> { ["buyers"] = new EventCondition("PURCHASE_MADE", Last("P90D")) });
        var zone = name.EndsWith("-zone", StringComparison.Ordinal) ? "America/New_York" : "UTC";
        var query = ClickHouseSegmentQuery.Create(SqlBaselineTests.Specs[name], At("2025-12-31T00:00:00Z", zone), saved);

        SqlBaselines.Verify(name, query.IdsSql + "\n");
    }
}
