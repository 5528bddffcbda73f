using DuckDB.NET.Data;
using DuckDB.NET.Native;
using DuckMart.Segments.Validation;
using Microsoft.AspNetCore.Diagnostics;

namespace DuckMart.Api.Problems;

/// <summary>
/// A query that DuckDB stopped for lack of memory (past <c>memory_limit</c>, after spilling) fails alone with
/// a 503 problem; the instance and every other query go on. Other exceptions are left to other handlers.
/// </summary>
public sealed class DatabaseErrorHandler(ILogger<DatabaseErrorHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsOutOfMemory(exception))
        {
            return false;
        }

        // DuckDB's message may quote the SQL or its values: the type is enough here.
        logger.LogWarning("A query ran out of DuckDB memory and was answered 503");
        await ProblemResponse.WriteAsync(
            httpContext,
            StatusCodes.Status503ServiceUnavailable,
            "Query needs more memory than the server allows",
            "The query was stopped at the server's memory limit. Narrow it, or retry when the server is less busy.",
            ErrorCodes.Http.QueryOutOfMemory);
        return true;
    }

    public static bool IsOutOfMemory(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is DuckDBException { ErrorType: DuckDBErrorType.OutOfMemory })
            {
                return true;
            }

            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsOutOfMemory))
            {
                return true;
            }
        }

        return false;
    }
}
