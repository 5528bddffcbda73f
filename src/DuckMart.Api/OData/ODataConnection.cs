using DuckMart.Data;
using LinqToDB;
using LinqToDB.Data;

namespace DuckMart.Api.OData;

/// <summary>How an OData request uses the request's <see cref="DuckMartDb"/>.</summary>
public static class ODataConnection
{
    /// <summary>
    /// Sorts NULLs the OData way, renders Take/Skip counts as literals and puts the request's time limit on
    /// this request's connection. Literal counts because DuckDB refuses a parameter as the LIMIT of a correlated subquery ("Non-constant limit not supported in correlated
    /// subquery"), which is how linq2db pages <c>$expand=events</c> (a LATERAL join per user). The counts are
    /// integers OData has already validated (ODataExpressionRewriter makes them constants); every value from
    /// <c>$filter</c> stays a parameter.
    /// </summary>
    public static DuckMartDb ForOData(this DuckMartDb db, HttpContext httpContext, ODataTimeLimit timeLimit)
    {
        // OData sorts NULL before every value ascending and after every value descending, and its $skiptoken
        // filters assume so; DuckDB's default puts NULLs last both ways, which made paging by a column with
        // NULLs (e.g. $orderby=age) lose those rows. Session scope: other connections keep their order.
        db.Execute("SET SESSION default_null_order = 'nulls_first_on_asc_last_on_desc'");
        // The returned scope would restore the old options; the connection ends with the request anyway.
        _ = db.UseLinqOptions(o => o.WithParameterizeTakeSkip(false));

        // Interrupt the query when the time limit passes or the client goes away (DuckMartQueryAttribute answers
        // 503). Last, so that the SET above is never what times out: it would fail outside the attribute's catch.
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted);
        if (timeLimit.Value <= TimeSpan.Zero)
        {
            // No time at all: expired now, not when a timer thread gets round to it.
            deadline.Cancel();
        }
        else
        {
            deadline.CancelAfter(timeLimit.Value);
        }

        var interceptor = new QueryDeadline(deadline.Token);
        db.AddInterceptor(interceptor);
        httpContext.Response.RegisterForDispose(interceptor);
        httpContext.Response.RegisterForDispose(deadline);
        httpContext.Items[typeof(ODataTimeLimit)] = timeLimit;
        return db;
    }
}
