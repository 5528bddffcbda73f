using DuckDB.NET.Data;
using DuckMart.Data.Publishing;
using FluentAssertions;
using Xunit;

namespace DuckMart.Data.Tests;

public sealed class LoadSettingsTests
{
    [Fact]
    public void Without_configuration_a_load_takes_60_percent_of_memory_not_DuckDBs_80()
    {
        LoadSettings.MemoryLimit(null, 10L * 1024 * 1024 * 1024).Should().Be("6144MB");
        LoadSettings.MemoryLimit("  ", 10L * 1024 * 1024 * 1024).Should().Be("6144MB");
    }

    [Fact]
    public void A_tiny_machine_still_gets_a_workable_limit() =>
        LoadSettings.MemoryLimit(null, 100L * 1024 * 1024).Should().Be("256MB");

    [Fact]
    public void The_environment_value_wins() =>
        LoadSettings.MemoryLimit(" 12GB ", 10L * 1024 * 1024 * 1024).Should().Be("12GB");

    [Fact]
    public async Task The_statement_sets_the_limit_and_a_quote_in_the_value_stays_data()
    {
        await using var connection = new DuckDBConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = LoadSettings.Statement("1536MB");
        await command.ExecuteNonQueryAsync();
        command.CommandText = "SELECT current_setting('memory_limit')";
        var limit = (string)(await command.ExecuteScalarAsync())!;
        limit.Should().MatchRegex(@"^1\.[0-9]+ ?GiB$|^1536\.0 ?MiB$", "DuckDB echoes the limit it took");

        command.CommandText = LoadSettings.Statement("1GB'; SELECT 1; --");
        var act = async () => await command.ExecuteNonQueryAsync();
        await act.Should().ThrowAsync<DuckDBException>("the whole text is one (invalid) memory value, not SQL");
    }
}
