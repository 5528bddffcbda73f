using System.Linq.Expressions;
using System.Text.Json;
using LinqToDB;
using LinqToDB.Data;
using LinqToDB.Mapping;

namespace DuckMart.Segments.Rendering;

/// <summary>
/// A long <c>in</c> list as one parameter: <c>x IN (SELECT unnest(from_json(CAST($values AS VARCHAR), '["BIGINT"]')))</c>.
/// <para>
/// Why: as <c>x = $v1 OR x = $v2 …</c>, 5,000 values took linq2db 35 s to translate and DuckDB 43 s to run
/// (100k users); as one parameter unnested into a subquery, DuckDB runs a hash semi-join (about 0.1 s).
/// <c>list.Contains(x)</c> is not an option: linq2db inlines the values as literals (linq2db #973).
/// Short lists keep the OR form, which reads better in Explain and plans just as well.
/// </para>
/// </summary>
internal static class ValueList
{
    /// <summary>Lists longer than this become one array parameter.</summary>
    public const int MaxInline = 8;

    // The values are never NULL (NULLs are dropped before), and saying so lets linq2db write a plain
    // [NOT] IN instead of a NOT EXISTS with "OR both are NULL" terms.
    public static Expression<Func<long?, bool>> Contains(IDataContext db, IEnumerable<long> values)
    {
        var list = db.FromSql<Item<long>>($"SELECT unnest(from_json(CAST({Json(values)} AS VARCHAR), '[\"BIGINT\"]')) AS value").Select(i => i.Value);
        return x => list.Contains(x!.Value);
    }

    public static Expression<Func<string?, bool>> Contains(IDataContext db, IEnumerable<string> values)
    {
        var list = db.FromSql<Item<string>>($"SELECT unnest(from_json(CAST({Json(values)} AS VARCHAR), '[\"VARCHAR\"]')) AS value").Select(i => i.Value);
        return x => list.Contains(x!);
    }

    /// <summary>
    /// The list as one JSON text parameter, read back with DuckDB's from_json (built in). Not a .NET array: DuckDB
    /// cannot infer the type of a parameter used only inside unnest(), and with one such untyped parameter in a
    /// statement DuckDB.NET bound every later TIMESTAMP parameter as text ("Conversion Error: invalid timestamp",
    /// found by the differential test). The CAST pins the type; JSON keeps commas and quotes in values intact.
    /// </summary>
    private static DataParameter Json<T>(IEnumerable<T> values) =>
        new("values", JsonSerializer.Serialize(values), DataType.VarChar);

    /// <summary>One value of the list.</summary>
    internal sealed class Item<T>
        where T : notnull
    {
        [Column("value"), NotNull]
        public T Value { get; set; } = default!;
    }
}
