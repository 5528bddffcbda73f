using System.Data.Common;
using LinqToDB.Interceptors;

namespace DuckMart.Api.OData;

/// <summary>
/// Interrupts the DuckDB command running on a connection when <paramref name="token"/> fires. DuckDB.NET ignores
/// CommandTimeout, and the OData library runs the query synchronously with no token; <c>DbCommand.Cancel</c>
/// calls duckdb_interrupt, and the running query then ends with an OperationCanceledException.
/// </summary>
public sealed class QueryDeadline(CancellationToken token) : CommandInterceptor, IDisposable
{
    private CancellationTokenRegistration _registration;

    public override DbCommand CommandInitialized(CommandEventData eventData, DbCommand command)
    {
        token.ThrowIfCancellationRequested();
        _registration.Dispose();
        _registration = token.Register(command.Cancel);
        return command;
    }

    public void Dispose() => _registration.Dispose();
}
