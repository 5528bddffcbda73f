using System.Globalization;
using DuckMart.Data;
using DuckMart.Segments.Spec;
using LinqToDB.Data;

namespace DuckMart.Segments.Dynamics;

/// <summary>
/// The attribute tests of a one-scan size plan, each one boolean column (<c>a0</c>, <c>a1</c>, …) of the users it keeps:
/// the engine's own ID query for that attribute, its parameters renamed apart and added to the plan's. Shared by the
/// bucket and the mask plans.
/// </summary>
internal sealed class AttributeColumns(DuckMartDb db, IReadOnlyList<DateTimeOffset> points, TimeZoneInfo zone, ISavedSegments saved, List<DataParameter> parameters)
{
    private readonly List<string> _sql = [];
    private readonly Dictionary<AttributeCondition, int> _index = new(ReferenceEqualityComparer.Instance);

    public int Count => _sql.Count;

    /// <summary>The ID query of column <paramref name="index"/>.</summary>
    public string this[int index] => _sql[index];

    /// <summary>
    /// The column of <paramref name="attribute"/>, added on first sight; null when it moves with asOf (a relative date):
    /// rendered by the engine at the first and the last point, the two differ, and one column cannot hold it.
    /// </summary>
    public int? IndexOf(AttributeCondition attribute)
    {
        if (_index.TryGetValue(attribute, out var known))
        {
            return known;
        }

        var first = At(attribute, points[0]);
        var last = At(attribute, points[^1]);
        if (first.Sql != last.Sql || !first.Parameters.Select(p => p.Value).SequenceEqual(last.Parameters.Select(p => p.Value)))
        {
            return null;
        }

        var index = _sql.Count;
        var renamed = first.Renamed("dyn_a" + index.ToString(CultureInfo.InvariantCulture) + "_");
        parameters.AddRange(renamed.Parameters);
        _sql.Add(renamed.Sql);
        _index[attribute] = index;
        return index;
    }

    private MembershipSql At(AttributeCondition attribute, DateTimeOffset point) =>
        MembershipSql.At(SegmentQuery.Create(db, attribute, new EvaluationTime(point, zone), saved), "", ordered: false);
}
