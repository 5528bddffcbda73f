using System.Text.RegularExpressions;
using LinqToDB;
using LinqToDB.Data;

namespace DuckMart.Segments.Dynamics;

/// <summary>
/// A segment's membership at one instant as SQL text and typed parameters, taken from the engine's public
/// <see cref="SegmentQuery.UserIds"/> so that dynamics ride on whatever engine renders it. The parameters are
/// renamed with a prefix, so that several instants' memberships can sit in one statement without their
/// parameters colliding.
/// </summary>
internal sealed partial record MembershipSql(string Sql, IReadOnlyList<DataParameter> Parameters)
{
    public static MembershipSql At(SegmentQuery query, string prefix)
    {
        var rendered = query.UserIds.ToSqlQuery();
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        var parameters = new List<DataParameter>();
        foreach (var p in rendered.Parameters)
        {
            var name = prefix + p.Name;
            renamed[p.Name!] = name;
            parameters.Add(new DataParameter(name, p.Value, p.DataType, p.DbType) { Size = p.Size, Precision = p.Precision, Scale = p.Scale });
        }

        // Only tokens that are parameters of this query are renamed; "$value" and "$value_1" are different tokens.
        var sql = ParameterToken().Replace(rendered.Sql, m => renamed.TryGetValue(m.Groups[1].Value, out var name) ? "$" + name : m.Value);
        return new MembershipSql(sql, parameters);
    }

    [GeneratedRegex(@"\$([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ParameterToken();
}
