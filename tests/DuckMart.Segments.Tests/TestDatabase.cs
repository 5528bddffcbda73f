using DuckMart.Data;
using DuckMart.Domain;
using LinqToDB;
using LinqToDB.Data;

namespace DuckMart.Segments.Tests;

/// <summary>
/// A DuckDB database in a temp file, with the product's schema. A file and not <c>:memory:</c> because
/// <c>Data Source=:memory:</c> is a new, empty database for every connection.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("duckmart-segments-").FullName;

    public TestDatabase(IEnumerable<User> users, IEnumerable<Event> events)
    {
        Path = System.IO.Path.Combine(_directory, "test.duckdb");
        using var db = Open();
        db.Execute(Schema.CreateUsers);
        db.Execute(Schema.CreateEvents);
        db.BulkCopy(users);
        db.BulkCopy(events);
    }

    public string Path { get; }

    public DuckMartDb Open() => new($"Data Source={Path}");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A connection still closing on another thread; the OS cleans temp files eventually.
        }
    }
}
