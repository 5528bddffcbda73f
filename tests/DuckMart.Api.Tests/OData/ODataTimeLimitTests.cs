using System.Diagnostics;
using System.Text.Json;
using DuckMart.Api.OData;
using DuckMart.Api.Reliability;
using DuckMart.Api.Segments;
using DuckMart.Data;
using LinqToDB.Data;
using Microsoft.Extensions.DependencyInjection;

namespace DuckMart.Api.Tests.OData;

/// <summary>
/// The sample app with no time at all for a query (one tick of DuckMart:QueryTimeout, the one limit every endpoint
/// uses): every OData query is past the limit.
/// </summary>
public sealed class NoTimeODataServer : ODataServer
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.PostConfigure<SegmentsOptions>(o => o.QueryTimeout = TimeSpan.FromTicks(1));
}

/// <summary>CONTRACT.md "Errors": a query that runs past the server's time limit is a 503 problem.</summary>
public class ODataTimeLimitTests(NoTimeODataServer server) : IClassFixture<NoTimeODataServer>
{
    [Theory]
    [InlineData("/odata/Users?$filter=events/any(e: e/eventName eq 'LOGIN')&$count=true")]
    [InlineData("/odata/Users(1)")]
    [InlineData("/odata/Events")]
    public async Task Query_past_the_time_limit_is_a_503_problem(string url)
    {
        using var response = await server.Client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();

        ((int)response.StatusCode).Should().Be(503, text);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var body = JsonDocument.Parse(text).RootElement;
        body.GetProperty("status").GetInt32().Should().Be(503);
        body.GetProperty("error").GetProperty("code").GetString().Should().Be("query_timeout");
    }

    [Fact]
    public void Deadline_interrupts_a_running_duckdb_query_and_the_database_goes_on()
    {
        using var database = TestDatabase.CreateSample();
        using var db = new DuckMartDb($"Data Source={database.Path}");
        using var deadline = QueryDeadline.Start(TimeSpan.FromMilliseconds(300), CancellationToken.None);
        deadline.Interrupt(db);
        var clock = Stopwatch.StartNew();

        // Minutes of work for DuckDB if nothing stops it.
        var run = () => db.Execute<long>("SELECT sum(i) FROM range(1000000000000) t(i)");

        run.Should().Throw<OperationCanceledException>();
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        using var next = new DuckMartDb($"Data Source={database.Path}");
        next.Execute<long>("SELECT count(*) FROM users").Should().Be(8);
    }
}

/// <summary>
/// OData obeys the one configured time limit, <c>DuckMart:QueryTimeout</c>, like POST /segments (it had a fixed 30 s,
/// then a limit of its own). Configured to one tick, below the timer's millisecond, the deadline has expired before the
/// query starts, so the answer is a 503 without racing a timer.
/// </summary>
public class ODataConfiguredTimeLimitTests
{
    [Fact]
    public async Task DuckMart_QueryTimeout_is_the_OData_time_limit_too()
    {
        await using var server = await DuckMart.Api.Tests.Reliability.ReliabilityServer.StartAsync(
            new Dictionary<string, string?> { ["DuckMart:QueryTimeout"] = "00:00:00.0000001" });
        using var client = server.CreateClient();

        using var response = await client.GetAsync("/odata/Events");

        ((int)response.StatusCode).Should().Be(503, await response.Content.ReadAsStringAsync());
    }
}
