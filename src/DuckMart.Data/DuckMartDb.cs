using DuckMart.Domain;
using LinqToDB;
using LinqToDB.Data;
using LinqToDB.DataProvider.DuckDB;

namespace DuckMart.Data;

/// <summary>
/// A linq2db connection to a DuckMart database: the <see cref="Users"/> and <see cref="Events"/> tables.
/// One per unit of work (a request, a command): a DuckDB connection must not be shared across threads
/// (DuckDB.NET #260).
/// </summary>
public sealed class DuckMartDb : DataConnection
{
    private Action? _onClosed;

    public DuckMartDb(string connectionString)
        : base(new DataOptions().UseDuckDB(connectionString))
    {
    }

    /// <summary>With a callback run once when the connection is closed or disposed (a version lease).</summary>
    internal DuckMartDb(string connectionString, Action onClosed)
        : this(connectionString)
    {
        _onClosed = onClosed;
    }

    public DuckMartDb(DataOptions options)
        : base(options)
    {
    }

    public ITable<User> Users => this.GetTable<User>();

    public ITable<Event> Events => this.GetTable<Event>();

    // Dispose is sealed in DataConnection but calls Close/CloseAsync, which are not.
    public override void Close()
    {
        try
        {
            base.Close();
        }
        finally
        {
            Interlocked.Exchange(ref _onClosed, null)?.Invoke();
        }
    }

    public override async Task CloseAsync()
    {
        try
        {
            await base.CloseAsync();
        }
        finally
        {
            Interlocked.Exchange(ref _onClosed, null)?.Invoke();
        }
    }
}
