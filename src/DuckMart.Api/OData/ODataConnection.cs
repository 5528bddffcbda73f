using DuckMart.Data;
using LinqToDB;
using LinqToDB.Data;

namespace DuckMart.Api.OData;

/// <summary>How an OData request uses the request's <see cref="DuckMartDb"/>.</summary>
public static class ODataConnection
{
    /// <summary>
    /// Sorts NULLs the OData way and renders Take/Skip counts as literals for the rest of this request's connection. DuckDB refuses a
    /// parameter as the LIMIT of a correlated subquery ("Non-constant limit not supported in correlated
    /// subquery"), which is how linq2db pages <c>$expand=events</c> (a LATERAL join per user). The counts are
    /// integers OData has already validated (ODataExpressionRewriter makes them constants); every value from
    /// <c>$filter</c> stays a parameter.
    /// </summary>
    public static DuckMartDb ForOData(this DuckMartDb db)
    {
        // OData sorts NULL before every value ascending and after every value descending, and its $skiptoken
        // filters assume so; DuckDB's default puts NULLs last both ways, which made paging by a column with
        // NULLs (e.g. $orderby=age) lose those rows. Session scope: other connections keep their order.
        db.Execute("SET SESSION default_null_order = 'nulls_first_on_asc_last_on_desc'");
        // The returned scope would restore the old options; the connection ends with the request anyway.
        _ = db.UseLinqOptions(o => o.WithParameterizeTakeSkip(false));
        return db;
    }
}
