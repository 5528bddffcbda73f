using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace DuckMart.Api.Tests.Reliability;

/// <summary>
/// The query time limit covers the whole request, DuckDB's planning included (issue 6): a spec of hundreds of
/// distinct event conditions in one <c>or</c> (each its own subquery) is stopped at the limit with a 503, or
/// refused up front with a documented 400; never left to plan for minutes.
/// </summary>
public sealed class PlanningDeadlineTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Theory]
    [InlineData(300)]
    [InlineData(499)]
    public async Task Hundreds_of_distinct_event_conditions_are_stopped_at_the_limit_or_refused(int conditions)
    {
        await using var server = await ReliabilityServer.StartAsync(new Dictionary<string, string?> { ["DuckMart:QueryTimeout"] = "00:00:02" });
        // A generous client bound: it catches a request that plans for minutes, not a slow machine.
        using var client = server.CreateClient(TimeSpan.FromSeconds(60));
        var of = string.Join(",", Enumerable.Range(0, conditions).Select(i =>
            "{\"type\":\"event\",\"name\":\"E" + i + "\",\"count\":{\"op\":\"gte\",\"value\":" + (i % 7 + 1)
            + "},\"window\":{\"last\":\"P" + (i % 300 + 1) + "D\"}}"));
        var body = $$"""{"where":{"type":"or","of":[{{of}}]},"countOnly":true,"asOf":"2025-06-01T00:00:00Z"}""";
        var watch = Stopwatch.StartNew();

        using var response = await client.PostAsync("/segments", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();

        output.WriteLine($"{conditions} conditions: {(int)response.StatusCode} in {watch.ElapsedMilliseconds} ms: {text[..Math.Min(300, text.Length)]}");
        response.StatusCode.Should().BeOneOf([HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable, HttpStatusCode.BadRequest], text);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            JsonDocument.Parse(text).RootElement.GetProperty("status").GetInt32().Should().Be((int)response.StatusCode);
        }

        using var next = await client.PostAsync("/segments", new StringContent("""{"where":{"type":"event","name":"LOGIN"},"countOnly":true}""", Encoding.UTF8, "application/json"));
        next.StatusCode.Should().Be(HttpStatusCode.OK, "the server goes on after a stopped query");
    }
}
