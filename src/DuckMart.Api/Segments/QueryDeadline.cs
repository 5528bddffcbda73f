using System.Data.Common;
using LinqToDB.Data;
using LinqToDB.Interceptors;

namespace DuckMart.Api.Segments;

/// <summary>
/// The time one request's queries may take: a token that fires when the client goes away or the
/// configured timeout passes. DuckDB.NET ignores CommandTimeout, but a cancelled token interrupts the
/// running query (duckdb_interrupt), so this is what keeps a runaway segment from holding a core.
/// The one deadline of every request path: the segment endpoints pass <see cref="Token"/> to async
/// queries, OData (whose library runs queries synchronously, with no token) has it
/// <see cref="Interrupt">interrupt</see> the connection's commands.
/// </summary>
public sealed class QueryDeadline : IDisposable
{
    private static readonly object ItemKey = new();
    private readonly CancellationTokenSource source;
    private readonly CancellationToken aborted;

    private QueryDeadline(TimeSpan timeout, CancellationToken aborted)
    {
        this.aborted = aborted;
        source = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        if (timeout <= TimeSpan.Zero)
        {
            // No time at all: expired now, not when a timer thread gets round to it.
            source.Cancel();
        }
        else
        {
            source.CancelAfter(timeout);
        }

        Timeout = timeout;
    }

    public TimeSpan Timeout { get; }

    public CancellationToken Token => source.Token;

    /// <summary>True when the timeout, not the client, cancelled the work: the answer is then a 503.</summary>
    public bool Expired => source.IsCancellationRequested && !aborted.IsCancellationRequested;

    /// <summary>A deadline on its own (the CLI, tests).</summary>
    public static QueryDeadline Start(TimeSpan timeout, CancellationToken aborted) => new(timeout, aborted);

    /// <summary>
    /// A deadline for this request, kept on the context so that the exception handler can tell a timeout
    /// from a failure even when the query fails after the endpoint returned (a streamed CSV).
    /// </summary>
    public static QueryDeadline Start(HttpContext http, TimeSpan timeout)
    {
        var deadline = new QueryDeadline(timeout, http.RequestAborted);
        http.Items[ItemKey] = deadline;
        http.Response.RegisterForDispose(deadline);
        return deadline;
    }

    public static QueryDeadline? Of(HttpContext http) => http.Items.TryGetValue(ItemKey, out var d) ? d as QueryDeadline : null;

    /// <summary>Stops the clock once the query has produced its first row: the rest is a client reading at its own pace.</summary>
    public void Disarm()
    {
        if (!source.IsCancellationRequested)
        {
            source.CancelAfter(System.Threading.Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>
    /// Makes every command <paramref name="db"/> runs end when the deadline fires, for callers that cannot pass
    /// <see cref="Token"/>: <c>DbCommand.Cancel</c> calls duckdb_interrupt, and the running query then ends with an
    /// OperationCanceledException.
    /// </summary>
    public void Interrupt(DataConnection db)
    {
        var interceptor = new CommandInterrupter(Token);
        db.AddInterceptor(interceptor);
        interrupters.Add(interceptor);
    }

    private readonly List<CommandInterrupter> interrupters = [];

    public void Dispose()
    {
        interrupters.ForEach(i => i.Dispose());
        source.Dispose();
    }

    private sealed class CommandInterrupter(CancellationToken token) : CommandInterceptor, IDisposable
    {
        private CancellationTokenRegistration _registration;

        public override DbCommand CommandInitialized(CommandEventData eventData, DbCommand command)
        {
            token.ThrowIfCancellationRequested();
            _registration.Dispose();
            _registration = token.Register(static c => Cancel((DbCommand)c!), command);
            return command;
        }

        /// <summary>
        /// The registration outlives the command's connection (it ends when the next command starts or the request's
        /// deadline is disposed), and a callback that throws on the timer thread ends the whole process: a command
        /// whose connection is already closed has nothing left to interrupt.
        /// </summary>
        private static void Cancel(DbCommand command)
        {
            try
            {
                command.Cancel();
            }
            catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
            {
            }
        }

        public void Dispose() => _registration.Dispose();
    }
}
