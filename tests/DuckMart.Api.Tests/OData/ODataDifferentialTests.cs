using System.Text.Json;
using CsCheck;
using DuckMart.Data;
using DuckMart.Segments.Linq;
using DuckMart.Segments.Spec;
using DuckMart.Segments.Tests.Differential;
using LinqToDB;
using LinqToDB.Data;
using Xunit.Abstractions;

namespace DuckMart.Api.Tests.OData;

/// <summary>
/// Random specs written as <c>$filter</c> (<see cref="FilterSpecWriter"/>, the forms docs/odata.md teaches) must run wholly
/// on the segment engine (<c>DuckMart-Engine: segment</c>) and select the users that plain linq2db selects for the same spec
/// written as LINQ (<see cref="LinqSpecWriter"/>, the recogniser bypassed), which are the users the reference evaluator
/// says the spec means. ODATA_DIFF_ITERATIONS (default 40, a few seconds) and DIFF_SEED make longer or repeatable runs
/// (<c>make test-differential</c>).
/// </summary>
public sealed class ODataDifferentialTests(ODataDifferentialTests.Server server, ITestOutputHelper output) : IClassFixture<ODataDifferentialTests.Server>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { IgnoreReadOnlyProperties = true };

    [Fact]
    public async Task A_random_filter_runs_on_the_engine_with_the_users_of_plain_linq2db()
    {
        var reference = new ReferenceEvaluator(server.Data.Users, server.Data.Events);
        var iterations = long.TryParse(Environment.GetEnvironmentVariable("ODATA_DIFF_ITERATIONS"), out var n) ? n : 40;
        var seed = Environment.GetEnvironmentVariable("DIFF_SEED") is { Length: > 0 } s ? s : null;
        var checkedCases = 0;
        var tooLarge = 0;
        var plainDiverged = 0;
        using var db = new DuckMartDb($"Data Source={server.Database.Path};ACCESS_MODE=READ_ONLY");

        await ExpressibleSpecs.Case.SampleAsync(
            async c =>
            {
                EvaluationTime.TryFindZone(c.Zone, out var zone);
                var time = new EvaluationTime(new DateTimeOffset(c.AsOf), zone);
                var filter = FilterSpecWriter.Write(c.Where, time) ?? throw new InvalidOperationException("the generator made a spec $filter cannot say");
                var predicate = LinqSpecWriter.Write(c.Where, time)!;

                using var response = await server.Client.GetAsync("/odata/Users?$select=userId&$filter=" + Uri.EscapeDataString(filter));
                var text = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode == 400 && text.Contains("node count limit", StringComparison.OrdinalIgnoreCase))
                {
                    tooLarge++; // past ODataLimits.MaxNodeCount: a documented 400, not a disagreement
                    return;
                }

                var body = JsonDocument.Parse(text).RootElement;
                var odata = (int)response.StatusCode == 200 && !body.TryGetProperty("@odata.nextLink", out _)
                    ? body.GetProperty("value").EnumerateArray().Select(u => u.GetProperty("userId").GetInt64()).ToList()
                    : null;
                var path = response.Headers.TryGetValues(EnginePathHeader.Name, out var values) ? string.Join(",", values) : "(none)";
                var plain = db.Users.Where(predicate).Select(u => u.UserId).OrderBy(id => id).ToList();
                var expected = reference.Evaluate(c.Where, c.AsOf, zone);
                checkedCases++;

                // Plain linq2db is a witness, not the truth (RecognizerDifferentialTests): where it alone disagrees with
                // the reference evaluator and the engine agrees, the case is counted, not failed.
                if (odata is not null && path == "segment" && odata.SequenceEqual(expected) && !plain.SequenceEqual(expected))
                {
                    plainDiverged++;
                    output.WriteLine($"plain linq2db alone differs: {filter}");
                    return;
                }

                if (odata is null || path != "segment" || !odata.SequenceEqual(plain) || !plain.SequenceEqual(expected))
                {
                    throw new InvalidOperationException(
                        $"{(int)response.StatusCode} DuckMart-Engine: {path} at asOf {c.AsOf:O} in {c.Zone}\nspec: {JsonSerializer.Serialize(c.Where, Json)}\n" +
                        $"$filter={filter}\nodata: [{(odata is null ? text : string.Join(",", odata))}]\nplain linq2db: [{string.Join(",", plain)}]\nreference: [{string.Join(",", expected)}]");
                }
            },
            writeLine: output.WriteLine,
            seed: seed,
            iter: iterations,
            threads: 1,
            print: c => $"asOf {c.AsOf:O} zone {c.Zone} spec {JsonSerializer.Serialize(c.Where, Json)}");

        output.WriteLine($"{checkedCases} filters agreed on the engine; {tooLarge} were past the node limit.");
        checkedCases.Should().BeGreaterThan((int)(iterations / 2), "most generated filters should be within the limits, or the test proves little");
        plainDiverged.Should().BeLessThan(Math.Max(2, checkedCases / 10), "plain linq2db must stay a witness for most cases, or the comparison proves little");
    }

    /// <summary>The app over the differential data set (80 users, NULLs, Unicode, events on window edges).</summary>
    public sealed class Server : ODataServer
    {
        public (List<Domain.User> Users, List<Domain.Event> Events) Data { get; } = DifferentialData.Build(seed: 20251207);

        protected override TestDatabase CreateDatabase() => TestDatabase.Create(db =>
        {
            db.BulkCopy(Data.Users);
            db.BulkCopy(Data.Events);
        });
    }
}
