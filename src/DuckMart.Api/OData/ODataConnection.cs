using DuckMart.Api.Reliability;
using DuckMart.Data;
using LinqToDB;
using LinqToDB.Data;

namespace DuckMart.Api.OData;

/// <summary>How an OData request uses the request's <see cref="DuckMartDb"/>.</summary>
public static class ODataConnection
{
    /// <summary>
    /// Renders Take/Skip counts as literals and puts the request's time limit on
    /// this request's connection. Literal counts because DuckDB refuses a parameter as the LIMIT of a correlated subquery ("Non-constant limit not supported in correlated
    /// subquery"), which is how linq2db pages <c>$expand=events</c> (a LATERAL join per user). The counts are
    /// integers OData has already validated (ODataExpressionRewriter makes them constants); every value from
    /// <c>$filter</c> stays a parameter.
    /// </summary>
    public static DuckMartDb ForOData(this DuckMartDb db, HttpContext httpContext, TimeSpan timeLimit)
    {
        // NULLs sort the OData way (first ascending) by a database-wide setting that ServingSettings applies when
        // DuckMartDatabase opens the connection: the locked configuration allows no per-session SET here.
        // The returned scope would restore the old options; the connection ends with the request anyway.
        _ = db.UseLinqOptions(o => o.WithParameterizeTakeSkip(false));

        // Interrupt the query when the time limit passes or the client goes away; DuckMartQueryAttribute finds the
        // same deadline on the request and answers 503 when it expired.
        QueryDeadline.Start(httpContext, timeLimit).Interrupt(db);
        return db;
    }
}
