using DuckMart.Data;
using LinqToDB;

namespace DuckMart.Api.OData;

/// <summary>How an OData request uses the request's <see cref="DuckMartDb"/>.</summary>
public static class ODataConnection
{
    /// <summary>
    /// Renders Take/Skip counts as literals for the rest of this request's connection. DuckDB refuses a
    /// parameter as the LIMIT of a correlated subquery ("Non-constant limit not supported in correlated
    /// subquery"), which is how linq2db pages <c>$expand=events</c> (a LATERAL join per user). The counts are
    /// integers OData has already validated (ODataExpressionRewriter makes them constants); every value from
    /// <c>$filter</c> stays a parameter.
    /// </summary>
    public static DuckMartDb ForOData(this DuckMartDb db)
    {
        // The returned scope would restore the old options; the connection ends with the request anyway.
        _ = db.UseLinqOptions(o => o.WithParameterizeTakeSkip(false));
        return db;
    }
}
