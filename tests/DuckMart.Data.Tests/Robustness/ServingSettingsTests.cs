using DuckDB.NET.Data;
using DuckMart.Data;

namespace DuckMart.Data.Tests.Robustness;

/// <summary>What a query may still do once a serving instance is locked down (docs/reliability.md).</summary>
public sealed class ServingSettingsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("duckmart-serving-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Queries_on_the_open_database_file_still_run_after_apply()
    {
        using var connection = OpenSample();

        ServingSettings.Apply(connection, Settings());

        Scalar(connection, "SELECT count(*) FROM users").Should().Be(3L);
        Scalar(connection, "SELECT count(*) FROM events WHERE event_name = 'LOGIN'").Should().Be(2L);
    }

    [Fact]
    public void A_query_cannot_read_a_file_of_the_machine()
    {
        using var connection = OpenSample();
        ServingSettings.Apply(connection, Settings());

        var read = () => Scalar(connection, "SELECT count(*) FROM read_csv('/etc/passwd')");

        read.Should().Throw<DuckDBException>().WithMessage("*disabled*");
    }

    [Fact]
    public void A_query_cannot_write_or_attach_files()
    {
        using var connection = OpenSample();
        ServingSettings.Apply(connection, Settings());

        var copy = () => Execute(connection, $"COPY users TO '{Path.Combine(_dir, "out.csv")}'");
        var attach = () => Execute(connection, $"ATTACH '{Path.Combine(_dir, "other.duckdb")}' AS other");

        copy.Should().Throw<DuckDBException>();
        attach.Should().Throw<DuckDBException>();
        File.Exists(Path.Combine(_dir, "out.csv")).Should().BeFalse();
        File.Exists(Path.Combine(_dir, "other.duckdb")).Should().BeFalse();
    }

    [Theory]
    [InlineData("SET enable_external_access = true")]
    [InlineData("SET memory_limit = '100GB'")]
    [InlineData("SET lock_configuration = false")]
    [InlineData("SET autoload_known_extensions = true")]
    public void The_configuration_cannot_be_changed_back(string statement)
    {
        using var connection = OpenSample();
        ServingSettings.Apply(connection, Settings());

        var change = () => Execute(connection, statement);

        change.Should().Throw<DuckDBException>();
        Scalar(connection, "SELECT current_setting('enable_external_access')").Should().Be(false);
    }

    [Fact]
    public void Every_connection_runs_in_utc_and_cannot_change_its_zone()
    {
        var path = CreateSample();
        using var first = new DuckDBConnection($"Data Source={path};ACCESS_MODE=READ_ONLY");
        first.Open();
        ServingSettings.Apply(first, Settings());
        using var second = new DuckDBConnection($"Data Source={path};ACCESS_MODE=READ_ONLY");
        second.Open();

        // The lock covers session options too: a per-request zone must be written into the SQL
        // (timezone(zone, ts)), never SET on the connection.
        var setZone = () => Execute(second, "SET TimeZone = 'America/New_York'");

        Scalar(second, "SELECT current_setting('TimeZone')").Should().Be("UTC");
        setZone.Should().Throw<DuckDBException>().WithMessage("*locked*");
    }

    [Fact]
    public void Apply_is_a_no_op_on_a_second_connection_to_the_same_instance()
    {
        var path = CreateSample();
        using var first = new DuckDBConnection($"Data Source={path};ACCESS_MODE=READ_ONLY");
        first.Open();
        ServingSettings.Apply(first, Settings());

        // DuckDB.NET shares one instance per path: the second connection finds it locked already.
        using var second = new DuckDBConnection($"Data Source={path};ACCESS_MODE=READ_ONLY");
        var apply = () => ServingSettings.Apply(second, Settings());

        apply.Should().NotThrow();
        ServingSettings.IsLocked(second).Should().BeTrue();
        // The first connection's 256MB holds for the second: one instance, one configuration (DuckDB prints MiB).
        Scalar(second, "SELECT current_setting('memory_limit')").Should().Be("244.1 MiB");
        Scalar(second, "SELECT count(*) FROM users").Should().Be(3L);
    }

    [Fact]
    public void The_statements_lock_the_configuration_last()
    {
        var statements = new ServingSettings().Statements;

        statements[^1].Should().Be("SET lock_configuration = true");
        statements.Should().Contain("SET enable_external_access = false");
        statements.Should().Contain("SET autoinstall_known_extensions = false");
        statements.Should().Contain("SET autoload_known_extensions = false");
        statements.Should().Contain(s => s.StartsWith("SET memory_limit", StringComparison.Ordinal));
        statements.Should().Contain(s => s.StartsWith("SET temp_directory", StringComparison.Ordinal));
    }

    [Fact]
    public void A_query_beyond_the_memory_limit_fails_alone_and_the_next_one_runs()
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        ServingSettings.Apply(connection, Settings() with { MemoryLimit = "64MB" });

        // list() keeps its whole state in memory: it cannot spill, so it must hit the limit.
        var hog = () => Scalar(connection, "SELECT length(list(i)) FROM range(100000000) t(i)");

        hog.Should().Throw<DuckDBException>().Which.ErrorType.Should().Be(DuckDB.NET.Native.DuckDBErrorType.OutOfMemory);
        Scalar(connection, "SELECT 41 + 1").Should().Be(42);
    }

    private ServingSettings Settings() => new() { MemoryLimit = "256MB", Threads = 2, TempDirectory = Path.Combine(_dir, "spill") };

    private DuckDBConnection OpenSample()
    {
        var connection = new DuckDBConnection($"Data Source={CreateSample()};ACCESS_MODE=READ_ONLY");
        connection.Open();
        return connection;
    }

    private string CreateSample()
    {
        var path = Path.Combine(_dir, $"sample-{Guid.NewGuid():N}.duckdb");
        using var connection = new DuckDBConnection($"Data Source={path}");
        connection.Open();
        Execute(connection, Schema.CreateUsers);
        Execute(connection, Schema.CreateEvents);
        Execute(connection, "INSERT INTO users (user_id, name) VALUES (1, 'Ann'), (2, 'Bob'), (3, 'Cara')");
        Execute(connection, "INSERT INTO events VALUES (1, 'LOGIN', '2025-01-01'), (2, 'LOGIN', '2025-01-02'), (2, 'PURCHASE_MADE', '2025-01-03')");
        return path;
    }

    private static object? Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
