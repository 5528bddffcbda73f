using DuckDB.NET.Data;
using DuckDB.NET.Native;
using LinqToDB;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.OData.Query;

namespace DuckMart.Api.OData;

/// <summary>
/// [EnableQuery] with DuckMart's limits (<see cref="ODataLimits"/>), and with every refused query answered
/// as a problem+json 400 instead of the library's error, which carries the server's stack trace.
/// The query options are applied to the linq2db IQueryable, so they run in DuckDB as SQL.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DuckMartQueryAttribute : EnableQueryAttribute
{
    public DuckMartQueryAttribute()
    {
        // No PageSize here: it would override the smaller page size of expanded events. Page sizes are
        // model-bound (DuckMartEdmModel), per entity set and per navigation.
        MaxTop = ODataLimits.MaxTop;
        MaxSkip = ODataLimits.MaxSkip;
        MaxNodeCount = ODataLimits.MaxNodeCount;
        MaxAnyAllExpressionDepth = ODataLimits.MaxAnyAllExpressionDepth;
        MaxExpansionDepth = ODataLimits.MaxExpansionDepth;
        MaxOrderByNodeCount = ODataLimits.MaxOrderByNodeCount;
        AllowedFunctions = ODataLimits.Functions;
        AllowedQueryOptions = ODataLimits.QueryOptions;
        // The default (true for any provider but EF) wraps every member access in null checks that C# needs
        // and SQL does not; linq2db already compares NULLs the way C# does.
        HandleNullPropagation = HandleNullPropagationOption.False;
        // Literals in $filter reach linq2db as closure values, so they become SQL parameters, not inlined text.
        EnableConstantParameterization = true;
    }

    public override void OnActionExecuting(ActionExecutingContext actionExecutingContext)
    {
        base.OnActionExecuting(actionExecutingContext);
        actionExecutingContext.Result = ODataProblem.FromLibraryError(actionExecutingContext.Result);
    }

    public override void ValidateQuery(HttpRequest request, ODataQueryOptions queryOptions)
    {
        base.ValidateQuery(request, queryOptions);
        ZeroDivisorCheck.Check(queryOptions.Filter?.FilterClause.Expression);
        AggregationCheck.Check(queryOptions.Apply?.ApplyClause);
    }

    public override void OnActionExecuted(ActionExecutedContext actionExecutedContext)
    {
        try
        {
            // With a page size the library runs the query here (it reads PageSize + 1 rows to know
            // whether there is a next page), so a query that linq2db cannot translate fails here too.
            base.OnActionExecuted(actionExecutedContext);
        }
        catch (Exception e) when (Interrupted(e) && !actionExecutedContext.HttpContext.RequestAborted.IsCancellationRequested)
        {
            var limit = actionExecutedContext.HttpContext.Items[typeof(ODataTimeLimit)] as ODataTimeLimit ?? ODataTimeLimit.Default;
            actionExecutedContext.Result = ODataProblem.TimedOut(limit.Value);
            return;
        }
        catch (Exception e) when (Interrupted(e))
        {
            // The client hung up (RequestAborted) and the query was stopped on its account: an
            // OperationCanceledException is what ASP.NET Core and RequestLogging treat as a hang-up, logged
            // quietly; a DuckDB Interrupt error or a reflection wrapper would be logged as a server error.
            throw new OperationCanceledException("The client hung up.", Unwrap(e), actionExecutedContext.HttpContext.RequestAborted);
        }
        catch (Exception e) when (Unwrap(e) is LinqToDBException translation)
        {
            actionExecutedContext.Result = ODataProblem.BadQuery(
                $"The query cannot be run by this service: {translation.Message}");
            return;
        }

        actionExecutedContext.Result = ODataProblem.FromLibraryError(actionExecutedContext.Result);
    }

    // DuckDB.NET reports an interrupt while executing as OperationCanceledException, but while preparing the
    // statement as a DuckDBException of type Interrupt (seen when the deadline fires that early).
    private static bool Interrupted(Exception e) =>
        Unwrap(e) is OperationCanceledException or DuckDBException { ErrorType: DuckDBErrorType.Interrupt };

    // The library may call the paging code through reflection, which wraps what it throws.
    private static Exception Unwrap(Exception e) =>
        e is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : e;
}
