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
    public DuckMartDb(string connectionString)
        : base(new DataOptions().UseDuckDB(connectionString))
    {
    }

    public DuckMartDb(DataOptions options)
        : base(options)
    {
    }

    public ITable<User> Users => this.GetTable<User>();

    public ITable<Event> Events => this.GetTable<Event>();
}
