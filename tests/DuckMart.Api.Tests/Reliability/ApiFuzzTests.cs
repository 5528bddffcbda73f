using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DuckMart.Segments.Tests.Fuzzing;
using Xunit.Abstractions;

namespace DuckMart.Api.Tests.Reliability;

/// <summary>
/// Hostile input over HTTP against the real app and a real DuckDB file (issue 6, docs/reliability.md): zero 5xx,
/// every answer within a time bound, refusals as problem+json, and the tables intact afterwards.
/// Seeded; FUZZ_ITERATIONS and FUZZ_SEED make a bigger or different run.
/// </summary>
public sealed class ApiFuzzTests(ITestOutputHelper output)
{
    private const int CiIterations = 300;
    private static readonly TimeSpan PerRequest = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Fuzzed_specs_never_get_a_5xx_nor_hang_and_the_tables_stay_intact()
    {
        // A hostile but valid spec (hundreds of event conditions in one `and`) may run for minutes in DuckDB;
        // the server's answer to that is its query time limit (a 503), so the limit here sits inside the
        // client's bound: what is tested is that the server answers in time, not that every query is cheap.
        await using var server = await ReliabilityServer.StartAsync(new Dictionary<string, string?> { ["DuckMart:QueryTimeout"] = "00:00:04" });
        var before = server.Database.Counts();
        using var client = server.CreateClient(PerRequest);
        var seed = SpecMutator.Seed(20261125);
        var mutator = new SpecMutator(seed);
        var random = new Random(seed);
        var statuses = new Dictionary<int, int>();
        var findings = new List<string>();
        var timeouts = new List<string>();
        var slowest = TimeSpan.Zero;
        var iterations = SpecMutator.Iterations(CiIterations);
        for (var i = 0; i < iterations; i++)
        {
            var (body, how) = mutator.Next();
            // Mostly evaluations; some saved as segments under odd ids and evaluated through GET.
            var id = random.Next(10) == 0 ? Pick(random, ["fuzz-a", "fuzz_b", "power-users", "UPPER", "..", "a%2F..%2Fb", "x'--", new string('a', 65)]) : null;
            var context = $"seed {seed}, iteration {i} ({how}{(id is null ? "" : ", saved as " + id)})";
            var watch = Stopwatch.StartNew();
            using var response = await WithinBoundAsync(
                () => id is null ? client.PostAsync("/segments", Json(body)) : client.PutAsync($"/segments/{id}", Json(body)),
                $"{context}: {Preview(body)}");
            await AssertAnswerAsync(response, context, findings, timeouts);
            if (id is not null)
            {
                using var users = await WithinBoundAsync(() => client.GetAsync($"/segments/{id}/users?countOnly=true"), context + " GET users");
                await AssertAnswerAsync(users, context + " GET users", findings, timeouts);
            }

            slowest = watch.Elapsed > slowest ? watch.Elapsed : slowest;
            statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
        }

        output.WriteLine($"seed {seed}: {iterations} requests; statuses {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))}; slowest {slowest.TotalMilliseconds:F0} ms");
        timeouts.ForEach(output.WriteLine);
        findings.Should().BeEmpty();
        // The server's own time limit answering (503 query_timeout, in time, as a problem) is the designed answer to
        // a costly valid spec, not a fault; CI found a 10,000-value `in` list past 4 s on a machine at load 13. Only a
        // few may: many would mean the engine got slow on ordinary input.
        timeouts.Count.Should().BeLessThanOrEqualTo(Math.Max(3, iterations / 50), "the time limit must stay the exception");
        statuses.Keys.Should().Contain(200, "some fuzzed specs are valid and must be answered");
        server.Database.Counts().Should().Be(before);
    }

    [Fact]
    public async Task Fuzzed_odata_filters_never_get_a_5xx_nor_hang_and_the_tables_stay_intact()
    {
        await using var server = await ReliabilityServer.StartAsync();
        var before = server.Database.Counts();
        using var client = server.CreateClient(PerRequest);
        var seed = SpecMutator.Seed(20261125);
        var fuzzer = new ODataFilterFuzzer(seed);
        var statuses = new Dictionary<int, int>();
        var findings = new List<string>();
        var iterations = SpecMutator.Iterations(CiIterations);
        for (var i = 0; i < iterations; i++)
        {
            var filter = fuzzer.Next();
            var url = $"/odata/{(i % 4 == 0 ? "Events" : "Users")}?$count=true&$top=5&$filter={Uri.EscapeDataString(filter)}";
            var context = $"seed {seed}, iteration {i}: $filter={(filter.Length > 300 ? filter[..300] + "…" : filter)}";
            using var response = await WithinBoundAsync(() => client.GetAsync(url), context);
            await AssertAnswerAsync(response, context, findings);
            statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
        }

        output.WriteLine($"seed {seed}: {iterations} filters; statuses {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))}");
        findings.Should().BeEmpty();
        statuses.Keys.Should().Contain(200);
        server.Database.Counts().Should().Be(before);
    }

    [Fact]
    public async Task Each_named_hostile_input_gets_a_4xx_problem_quickly()
    {
        await using var server = await ReliabilityServer.StartAsync();
        using var client = server.CreateClient(TimeSpan.FromSeconds(30));
        foreach (var (name, make) in HostileSpecs.All())
        {
            var body = make();
            var watch = Stopwatch.StartNew();
            using var response = await client.PostAsync("/segments", Json(body));
            var elapsed = watch.Elapsed;

            output.WriteLine($"{name}: {body.Length:N0} bytes -> {(int)response.StatusCode} in {elapsed.TotalMilliseconds:F0} ms");
            ((int)response.StatusCode).Should().BeInRange(400, 499, name);
            response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", name);
            elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), name);
        }

        // And the server is still there.
        using var after = await client.PostAsync("/segments", Json("""{"where":{"type":"event","name":"LOGIN"},"countOnly":true}"""u8.ToArray()));
        after.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Hostile_strings_are_parameters_never_sql_text()
    {
        await using var server = await ReliabilityServer.StartAsync();
        var before = server.Database.Counts();
        using var client = server.CreateClient(PerRequest);
        string[] hostile = ["'; DROP TABLE users; --", "' OR '1'='1", "read_csv('/etc/passwd')", "1; SELECT 1", "\"; DROP TABLE events; --"];
        string[] templates =
        [
            """{"where":{"type":"attribute","field":"location","op":"eq","value":@},"explain":true,"countOnly":true}""",
            """{"where":{"type":"attribute","field":"name","op":"contains","value":@,"ignoreCase":true},"explain":true,"countOnly":true}""",
            """{"where":{"type":"attribute","field":"name","op":"in","value":[@]},"explain":true,"countOnly":true}""",
            """{"where":{"type":"event","name":@},"explain":true,"countOnly":true}""",
        ];
        foreach (var value in hostile)
        {
            foreach (var template in templates)
            {
                var body = System.Text.Encoding.UTF8.GetBytes(template.Replace("@", JsonSerializer.Serialize(value), StringComparison.Ordinal));
                using var response = await client.PostAsync("/segments", Json(body));
                var text = await response.Content.ReadAsStringAsync();

                response.StatusCode.Should().Be(HttpStatusCode.OK, "{0} with {1}: {2}", template, value, text);
                var answer = JsonDocument.Parse(text).RootElement;
                answer.GetProperty("count").GetInt64().Should().Be(0);
                answer.GetProperty("sql").GetString().Should().NotContain(value.Trim('\'', '"', ' '));
            }
        }

        server.Database.Counts().Should().Be(before);
    }

    private static async Task AssertAnswerAsync(HttpResponseMessage response, string context, List<string>? findings = null, List<string>? timeouts = null)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        if (timeouts is not null && status == 503 && response.Content.Headers.ContentType?.MediaType == "application/problem+json"
            && JsonDocument.Parse(text).RootElement.TryGetProperty("code", out var code) && code.GetString() == "query_timeout")
        {
            timeouts.Add($"{context} reached the server's time limit (503 query_timeout)");
            return;
        }

        var problem = status >= 500 ? $"{context} answered {status}: {(text.Length > 500 ? text[..500] : text)}"
            : status >= 400 && status != 404 && response.Content.Headers.ContentType?.MediaType != "application/problem+json" ? $"{context} answered {status} without a problem+json body"
            : null;
        if (problem is null)
        {
            return;
        }

        // A large run (FUZZ_ITERATIONS) collects every finding and fails at the end, so one run reports them all.
        if (findings is null)
        {
            throw new Xunit.Sdk.XunitException(problem);
        }

        findings.Add(problem);
    }

    /// <summary>The client's timeout as a failure that names the input, not a bare TaskCanceledException.</summary>
    private static async Task<HttpResponseMessage> WithinBoundAsync(Func<Task<HttpResponseMessage>> send, string context)
    {
        try
        {
            return await send();
        }
        catch (TaskCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"no answer within {PerRequest.TotalSeconds:F0} s (a hang or a query past any sane bound): {context}");
        }
    }

    private static string Preview(byte[] body) =>
        body.Length <= 400 ? System.Text.Encoding.UTF8.GetString(body) : System.Text.Encoding.UTF8.GetString(body, 0, 400) + $"… ({body.Length:N0} bytes)";

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
}
