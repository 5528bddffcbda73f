using DuckMart.Data;
using LinqToDB.Data;

namespace DuckMart.Api.Tests.Segments.Fixtures;

/// <summary>
/// A small DuckMart database in a temporary file (not :memory:, which is a new database per connection), built
/// with the real DDL. <see cref="Brief"/> is chosen so that the brief's two segments have answers worked out by
/// hand below; <see cref="Reloaded"/> is different data for the reload test. The directory is deleted on dispose.
/// </summary>
public sealed class SegmentsDatabase : IDisposable
{
    /// <summary>The asOf every end-to-end request uses, so that events after it are provably unseen.</summary>
    public const string AsOf = "2025-12-31T00:00:00Z";

    /// <summary>Age 25..34 in <see cref="Brief"/>: 3 is 24, 4 is 35, 6 has no age, 11 is 40.</summary>
    public static readonly long[] AgeBand = [1, 2, 5, 7, 8, 9, 10, 12];

    /// <summary>
    /// California and LOGIN before asOf in <see cref="Brief"/>: 2 never logged in, 8 only purchased, 10 logged in
    /// after asOf, 11 exactly at asOf (not seen), 4 logged in but lives in Texas.
    /// </summary>
    public static readonly long[] CaliforniansWhoLoggedIn = [1, 3, 6];

    /// <summary>Age 25..34 in <see cref="Reloaded"/>.</summary>
    public static readonly long[] ReloadedAgeBand = [101, 103];

    private SegmentsDatabase(string directory)
    {
        Directory = directory;
        Path = System.IO.Path.Combine(directory, "duckmart.duckdb");
    }

    public string Directory { get; }

    public string Path { get; }

    public static SegmentsDatabase Brief()
    {
        var fixture = new SegmentsDatabase(NewDirectory());
        Write(fixture.Path, BriefData);
        return fixture;
    }

    /// <summary>
    /// <paramref name="users"/> users with even IDs 2, 4, …; user <c>2i</c> is aged <c>i % 90</c>, so that a band of
    /// ages is a large segment whose IDs are known without the engine (<see cref="LargeAged"/>).
    /// </summary>
    public static SegmentsDatabase Large(int users)
    {
        var fixture = new SegmentsDatabase(NewDirectory());
        Write(fixture.Path, $"""
            INSERT INTO users SELECT 2 * i, 'u' || i, i % 90, 'F', 'Texas', DATE '2024-01-01', 'free', 'iOS' FROM range(1, {users + 1}) t(i);
            """);
        return fixture;
    }

    /// <summary>The IDs of <see cref="Large"/> aged <paramref name="low"/> to <paramref name="high"/>, ascending.</summary>
    public static long[] LargeAged(int users, int low, int high) =>
        [.. Enumerable.Range(1, users).Where(i => i % 90 >= low && i % 90 <= high).Select(i => 2L * i)];

    /// <summary>Publishes <see cref="Reloaded"/> data over this database the way a load does: build beside it, rename over it.</summary>
    public void PublishReloaded()
    {
        var next = Path + ".next";
        Write(next, ReloadedData);
        File.Move(next, Path, overwrite: true);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A connection the server has not yet closed; the temp directory is cleaned up by the OS eventually.
        }
    }

    private static string NewDirectory()
    {
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"duckmart-api-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(dir);
        return dir;
    }

    private static void Write(string path, string inserts)
    {
        using var db = new DuckMartDb($"Data Source={path}");
        db.Execute(Schema.CreateUsers);
        db.Execute(Schema.CreateEvents);
        db.Execute(inserts);
    }

    private const string BriefData = """
        INSERT INTO users VALUES
            (1, 'Ann', 25, 'F', 'California', DATE '2024-01-10', 'premium', 'iOS'),
            (2, 'Bob', 34, 'M', 'California', DATE '2024-02-11', 'free', 'Android'),
            (3, 'Cid', 24, 'M', 'California', DATE '2024-03-12', 'basic', 'Web'),
            (4, 'Dee', 35, 'F', 'Texas', DATE '2024-04-13', 'free', 'iOS'),
            (5, 'Eve', 30, 'F', 'Texas', DATE '2024-05-14', 'premium', 'Android'),
            (6, 'Fay', NULL, 'F', 'California', DATE '2024-06-15', 'basic', 'iOS'),
            (7, 'Gil', 29, 'M', NULL, DATE '2024-07-16', 'free', 'Web'),
            (8, 'Hal', 31, 'M', 'California', DATE '2024-08-17', 'premium', 'Android'),
            (9, 'Ivy', 26, 'F', 'New York', DATE '2024-09-18', 'basic', 'iOS'),
            (10, 'Jon', 33, 'M', 'California', DATE '2024-10-19', 'free', 'Web'),
            (11, 'Kim', 40, 'F', 'California', DATE '2024-11-20', 'premium', 'iOS'),
            (12, 'Lou', 28, 'M', 'Texas', NULL, NULL, NULL);
        INSERT INTO events VALUES
            (1, 'LOGIN', TIMESTAMP '2025-06-01 08:00:00'),
            (1, 'PURCHASE_MADE', TIMESTAMP '2025-06-01 08:30:00'),
            (3, 'LOGIN', TIMESTAMP '2025-12-30 23:59:59'),
            (4, 'LOGIN', TIMESTAMP '2025-03-01 12:00:00'),
            (6, 'LOGIN', TIMESTAMP '2025-01-01 00:00:00'),
            (6, 'LOGIN', TIMESTAMP '2025-01-02 00:00:00'),
            (8, 'PURCHASE_MADE', TIMESTAMP '2025-05-05 10:00:00'),
            (10, 'LOGIN', TIMESTAMP '2026-01-05 09:00:00'),
            (11, 'LOGIN', TIMESTAMP '2025-12-31 00:00:00');
        """;

    private const string ReloadedData = """
        INSERT INTO users VALUES
            (101, 'Max', 27, 'M', 'California', DATE '2025-01-01', 'free', 'iOS'),
            (102, 'Nia', 50, 'F', 'California', DATE '2025-01-02', 'free', 'iOS'),
            (103, 'Oli', 34, 'M', 'Oregon', DATE '2025-01-03', 'basic', 'Web');
        INSERT INTO events VALUES
            (102, 'LOGIN', TIMESTAMP '2025-02-01 08:00:00');
        """;
}
