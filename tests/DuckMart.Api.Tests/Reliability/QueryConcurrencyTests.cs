using System.Net;
using DuckMart.Api.Reliability;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DuckMart.Api.Tests.Reliability;

/// <summary>Overload (docs/reliability.md): a bounded number of concurrent queries, a short queue, then 429 with Retry-After.</summary>
public sealed class QueryConcurrencyTests
{
    // Under /odata, so the limiter counts it as a query; no OData entity set has this name.
    private const string SlowQuery = "/odata/reliability-slow";

    [Fact]
    public async Task Past_the_limit_and_the_queue_a_query_gets_429_with_retry_after_and_later_ones_run()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = 0;
        await using var server = await ReliabilityServer.StartAsync(
            new Dictionary<string, string?>
            {
                ["DuckMart:Queries:PermitLimit"] = "2",
                ["DuckMart:Queries:QueueLimit"] = "1",
                ["DuckMart:Queries:RetryAfterSeconds"] = "3",
            },
            app => app.MapGet(SlowQuery, async () =>
            {
                Interlocked.Increment(ref running);
                await release.Task;
                return "done";
            }));
        using var client = server.CreateClient();

        // Two run, one waits in the queue, and whichever request comes last to the limiter is turned away at once.
        var sent = Enumerable.Range(0, 4).Select(_ => client.GetAsync(SlowQuery)).ToList();
        await WaitUntilAsync(() => Volatile.Read(ref running) == 2 && sent.Any(t => t.IsCompleted));
        var rejected = await sent.Single(t => t.IsCompleted);

        rejected.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        rejected.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(3));
        rejected.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await rejected.Content.ReadAsStringAsync()).Should().Contain("too_many_queries");
        running.Should().Be(2, "the queued query waits for a permit");

        release.SetResult();
        var answers = await Task.WhenAll(sent);
        answers.Select(a => a.StatusCode).Should().BeEquivalentTo(
            [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests]);
        (await client.GetAsync(SlowQuery)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Requests_that_are_not_queries_are_not_limited()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = 0;
        await using var server = await ReliabilityServer.StartAsync(
            new Dictionary<string, string?> { ["DuckMart:Queries:PermitLimit"] = "1", ["DuckMart:Queries:QueueLimit"] = "0" },
            app =>
            {
                app.MapGet(SlowQuery, async () =>
                {
                    Interlocked.Increment(ref running);
                    await release.Task;
                    return "done";
                });
                app.MapGet("/reliability-cheap", () => "ok");
            });
        using var client = server.CreateClient();

        var busy = client.GetAsync(SlowQuery);
        await WaitUntilAsync(() => Volatile.Read(ref running) == 1);

        (await client.GetAsync("/reliability-cheap")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync(SlowQuery)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        release.SetResult();
        (await busy).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("POST", "/segments", true)]
    [InlineData("POST", "/segments/", true)]
    [InlineData("GET", "/segments/power-users/users", true)]
    [InlineData("GET", "/odata/Users", true)]
    [InlineData("GET", "/odata/Events", true)]
    [InlineData("GET", "/ODATA/Users(3)", true)]
    [InlineData("GET", "/odata/$metadata", false)]
    [InlineData("GET", "/odata", false)]
    [InlineData("GET", "/segments", false)]
    [InlineData("GET", "/segments/power-users", false)]
    [InlineData("PUT", "/segments/power-users", false)]
    [InlineData("DELETE", "/segments/power-users", false)]
    [InlineData("GET", "/health", false)]
    public void Query_endpoints_are_recognised(string method, string path, bool expected)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;

        QueryConcurrency.IsQuery(context.Request).Should().Be(expected);
    }

    [Fact]
    public void The_default_limit_is_twice_the_cores_with_a_short_queue()
    {
        var options = new QueryConcurrencyOptions();

        options.PermitLimit.Should().Be(2 * Environment.ProcessorCount);
        options.QueueLimit.Should().BeInRange(0, 4 * Environment.ProcessorCount);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the server should have started the queries by now");
            await Task.Delay(10);
        }
    }
}
