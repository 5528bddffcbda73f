using System.Text.RegularExpressions;
using LinqToDB.Data;

namespace DuckMart.Segments.Dynamics;

/// <summary>
/// A segment's membership at one instant as SQL text and typed parameters: the engine's ordered ID query
/// (<see cref="SegmentQuery.UserIds"/>'s SQL), so that dynamics ride on whatever renders it, the translation
/// cache included: the points of a size series share one shape, so from the third point on none enters linq2db. The parameters can be
/// renamed with a prefix, so that several instants' memberships can sit in one statement without their
/// parameters colliding, or replaced by columns of a table of points.
/// </summary>
internal sealed partial record MembershipSql(string Sql, IReadOnlyList<DataParameter> Parameters)
{
    /// <summary>
    /// The membership of <paramref name="query"/>; unordered (no <c>ORDER BY</c>) where it only sits inside an
    /// <c>IN (…)</c>, whose answer the order does not change but whose cost the sort adds to (12's sizes: 92 -> 80 ms).
    /// </summary>
    public static MembershipSql At(SegmentQuery query, string prefix, bool ordered = true)
    {
        var (sql, parameters) = ordered ? query.OrderedSql : query.IdsSql;
        return new MembershipSql(sql, parameters).Renamed(prefix);
    }

    /// <summary>The same query with every parameter named <paramref name="prefix"/> + its name.</summary>
    public MembershipSql Renamed(string prefix)
    {
        if (prefix.Length == 0)
        {
            return this;
        }

        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        var parameters = new List<DataParameter>();
        foreach (var p in Parameters)
        {
            var name = prefix + p.Name;
            renamed[p.Name!] = "$" + name;
            parameters.Add(new DataParameter(name, p.Value, p.DataType, p.DbType) { Size = p.Size, Precision = p.Precision, Scale = p.Scale });
        }

        return new MembershipSql(Substitute(renamed), parameters);
    }

    /// <summary>
    /// The SQL text with the parameters named in <paramref name="replacements"/> replaced by the given SQL.
    /// Only tokens that are parameters of this query change; "$value" and "$value_1" are different tokens.
    /// </summary>
    public string Substitute(IReadOnlyDictionary<string, string> replacements) =>
        ParameterToken().Replace(Sql, m => replacements.TryGetValue(m.Groups[1].Value, out var sql) ? sql : m.Value);

    [GeneratedRegex(@"\$([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ParameterToken();
}
