using System.Globalization;
using System.Text;
using LinqToDB;
using LinqToDB.Data;

namespace DuckMart.Segments.Dynamics;

/// <summary>
/// The two one-statement shapes of a size series. Each point's membership is the engine's own ID query at that
/// point (<see cref="MembershipSql"/>); what the shapes differ in is how the points share one statement.
/// </summary>
internal static class SizesSql
{
    private const string PointsTableName = "dyn_points";

    /// <summary>
    /// One statement over a table of the points:
    /// <code>
    /// WITH dyn_points(point, v_from, v_before) AS (VALUES (0, CAST($pt0_from AS TIMESTAMP), …), (1, …), …)
    /// SELECT point, (SELECT count(*) FROM (&lt;the ID query, $from read as dyn_points.v_from&gt;) m) FROM dyn_points
    /// </code>
    /// Only the parameters whose values differ between points become columns (for a relative window: its two
    /// ends); the rest stay parameters. DuckDB unnests the correlated count into joins of the events with the
    /// points, each point with its own window. When no value differs (a segment of attributes only), the one
    /// count is the count at every point. Null when the points render different SQL text (a DST change inside
    /// one point's window adds a CASE branch, a first/after rule may pick another shape): the caller then uses
    /// <see cref="Union"/>.
    /// </summary>
    public static (string Sql, DataParameter[] Parameters)? PointsTable(IReadOnlyList<MembershipSql> memberships)
    {
        var first = memberships[0];
        var names = first.Parameters.Select(p => p.Name!).ToList();
        if (memberships.Any(m => m.Sql != first.Sql || !m.Parameters.Select(p => p.Name!).SequenceEqual(names)))
        {
            return null;
        }

        var varying = Enumerable.Range(0, names.Count)
            .Where(i => memberships.Any(m => !Equals(m.Parameters[i].Value, first.Parameters[i].Value)))
            .ToList();
        var constant = Enumerable.Range(0, names.Count).Except(varying).Select(i => first.Parameters[i]);

        if (varying.Count == 0)
        {
            var once = "WITH once AS (SELECT count(*)::BIGINT AS n FROM (\n" + first.Sql + "\n) m)\n"
                + "SELECT range::INTEGER AS point, once.n FROM range(0, " + memberships.Count.ToString(CultureInfo.InvariantCulture) + "), once ORDER BY point";
            return (once, [.. constant]);
        }

        var types = new List<string>();
        foreach (var i in varying)
        {
            if (SqlType(first.Parameters[i].DataType) is not { } type)
            {
                return null;
            }

            types.Add(type);
        }

        var parameters = new List<DataParameter>(constant);
        var values = new StringBuilder();
        for (var point = 0; point < memberships.Count; point++)
        {
            values.Append(point == 0 ? "(" : ",\n(").Append(point.ToString(CultureInfo.InvariantCulture));
            for (var k = 0; k < varying.Count; k++)
            {
                var source = memberships[point].Parameters[varying[k]];
                var name = "pt" + point.ToString(CultureInfo.InvariantCulture) + "_" + source.Name;
                parameters.Add(new DataParameter(name, source.Value, source.DataType, source.DbType) { Size = source.Size, Precision = source.Precision, Scale = source.Scale });
                values.Append(", CAST($").Append(name).Append(" AS ").Append(types[k]).Append(')');
            }

            values.Append(')');
        }

        var columns = varying.ToDictionary(i => names[i], i => PointsTableName + ".v_" + names[i], StringComparer.Ordinal);
        var sql = "WITH " + PointsTableName + "(point, " + string.Join(", ", varying.Select(i => "v_" + names[i])) + ") AS (VALUES\n" + values + "\n)\n"
            + "SELECT point, (SELECT count(*) FROM (\n" + first.Substitute(columns) + "\n) m)::BIGINT AS n\n"
            + "FROM " + PointsTableName + "\nORDER BY point";
        return (sql, [.. parameters]);
    }

    /// <summary>True when every point renders the same SQL with the same values: the segment does not depend on asOf.</summary>
    public static bool IsConstant(IReadOnlyList<MembershipSql> memberships) =>
        memberships.All(m => m.Sql == memberships[0].Sql && m.Parameters.Count == memberships[0].Parameters.Count
            && m.Parameters.Zip(memberships[0].Parameters).All(p => p.First.Name == p.Second.Name && Equals(p.First.Value, p.Second.Value)));

    /// <summary>One statement, one counted ID query a point: <c>SELECT 0, count(*) FROM (…) UNION ALL SELECT 1, …</c>.</summary>
    public static (string Sql, DataParameter[] Parameters) Union(IReadOnlyList<MembershipSql> memberships)
    {
        var sql = new StringBuilder();
        var parameters = new List<DataParameter>();
        for (var point = 0; point < memberships.Count; point++)
        {
            var renamed = memberships[point].Renamed("pt" + point.ToString(CultureInfo.InvariantCulture) + "_");
            parameters.AddRange(renamed.Parameters);
            sql.Append(point == 0 ? "" : "\nUNION ALL\n")
                .Append("SELECT ").Append(point.ToString(CultureInfo.InvariantCulture)).Append(" AS point, count(*)::BIGINT AS n FROM (\n")
                .Append(renamed.Sql).Append("\n) m").Append(point.ToString(CultureInfo.InvariantCulture));
        }

        return (sql.ToString(), [.. parameters]);
    }

    /// <summary>The DuckDB type of a point column; the CAST keeps DuckDB from guessing a VALUES parameter's type.</summary>
    private static string? SqlType(DataType type) => type switch
    {
        DataType.DateTime or DataType.DateTime2 => "TIMESTAMP",
        DataType.Date => "DATE",
        DataType.Int64 => "BIGINT",
        DataType.Int32 => "INTEGER",
        DataType.NVarChar or DataType.VarChar => "VARCHAR",
        _ => null,
    };
}
