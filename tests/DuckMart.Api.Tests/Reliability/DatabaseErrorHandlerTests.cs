using System.Net;
using DuckDB.NET.Data;
using DuckMart.Api.Problems;
using DuckMart.Api.Reliability;
using DuckMart.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DuckMart.Api.Tests.Reliability;

/// <summary>An out-of-memory query fails alone with a 503 problem, and the server goes on (docs/reliability.md).</summary>
public sealed class DatabaseErrorHandlerTests
{
    [Fact]
    public async Task A_query_that_runs_out_of_memory_gets_a_503_problem_and_the_next_query_runs()
    {
        var spill = Directory.CreateTempSubdirectory("duckmart-oom-").FullName;
        try
        {
            await using var server = await ReliabilityServer.StartAsync(mapExtra: app =>
            {
                // A serving instance with a tiny memory limit; list() cannot spill, so it must fail.
                app.MapGet("/odata/reliability-oom", () =>
                {
                    using var connection = new DuckDBConnection("Data Source=:memory:");
                    connection.Open();
                    ServingSettings.Apply(connection, new ServingSettings { MemoryLimit = "64MB", TempDirectory = spill });
                    using var command = connection.CreateCommand();
                    command.CommandText = "SELECT length(list(i)) FROM range(100000000) t(i)";
                    return Results.Ok(command.ExecuteScalar());
                });
                app.MapGet("/odata/reliability-small", () => "ok");
            });
            using var client = server.CreateClient(TimeSpan.FromSeconds(60));

            using var oom = await client.GetAsync("/odata/reliability-oom");
            using var next = await client.GetAsync("/odata/reliability-small");

            oom.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            oom.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            (await oom.Content.ReadAsStringAsync()).Should().Contain("query_out_of_memory");
            next.StatusCode.Should().Be(HttpStatusCode.OK);
        }
        finally
        {
            Directory.Delete(spill, recursive: true);
        }
    }

    [Fact]
    public void It_runs_before_a_catch_all_handler_registered_earlier()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddExceptionHandler<CatchAllHandler>();

        builder.AddDuckMartReliability();
        using var services = builder.Services.BuildServiceProvider();

        services.GetServices<IExceptionHandler>().Select(h => h.GetType())
            .Should().Equal(typeof(DatabaseErrorHandler), typeof(CatchAllHandler));
    }

    [Fact]
    public async Task Other_exceptions_are_left_to_the_rest_of_the_pipeline_as_a_500_problem_without_details()
    {
        await using var server = await ReliabilityServer.StartAsync(mapExtra: app =>
            app.MapGet("/reliability-boom", string () => throw new InvalidOperationException("secret-detail-42")));
        using var client = server.CreateClient();

        using var response = await client.GetAsync("/reliability-boom");

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("secret-detail-42");
    }

    private sealed class CatchAllHandler : IExceptionHandler
    {
        public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken) => ValueTask.FromResult(true);
    }
}
