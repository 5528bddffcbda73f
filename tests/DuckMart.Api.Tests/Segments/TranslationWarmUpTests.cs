using DuckMart.Api.Segments;
using DuckMart.Api.Tests.Segments.Fixtures;
using DuckMart.Segments;
using DuckMart.Segments.Spec;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DuckMart.Api.Tests.Segments;

public sealed class TranslationWarmUpTests : IDisposable
{
    private readonly SegmentsDatabase database = SegmentsDatabase.Brief();

    public void Dispose() => database.Dispose();

    [Fact]
    public void Every_condition_type_is_warmed_up()
    {
        var types = TranslationWarmUp.Specs
            .SelectMany(spec => Conditions(SegmentSpecReader.ReadRequest(System.Text.Encoding.UTF8.GetBytes(spec), NoSavedSegments.Instance).Where))
            .Select(c => c.GetType())
            .ToHashSet();

        // segment references inline another condition, so their translation is that of the types below.
        types.Should().BeEquivalentTo([typeof(AndCondition), typeof(OrCondition), typeof(NotCondition), typeof(AttributeCondition), typeof(EventCondition), typeof(SequenceCondition)]);
    }

    [Fact]
    public async Task The_warm_up_runs_the_whole_engine_path_on_an_empty_database_of_its_own()
    {
        // Each spec is read, translated, counted, paged and explained; any step that fails throws.
        var run = () => TranslationWarmUp.RunAsync(CancellationToken.None);

        await run.Should().NotThrowAsync();
    }

    [Fact]
    public async Task A_server_warms_up_after_start_and_answers_the_same()
    {
        await using var server = await SegmentsServer.StartAsync(database.Path);
        var warmUp = server.Services.GetServices<IHostedService>().OfType<TranslationWarmUp>().Single();

        (await warmUp.Completed.WaitAsync(TimeSpan.FromMinutes(2))).Should().BePositive();
        var response = await server.PostJsonAsync("/segments", $$"""{ "where": { "type": "attribute", "field": "age", "op": "between", "value": [25, 34] }, "asOf": "{{SegmentsDatabase.AsOf}}" }""");
        SegmentsServer.UserIds(await SegmentsServer.ReadJsonAsync(response)).Should().Equal(SegmentsDatabase.AgeBand);
    }

    [Fact]
    public async Task DuckMart_WarmUp_false_turns_it_off()
    {
        await using var server = await SegmentsServer.StartAsync(database.Path, b => b.Configuration["DuckMart:WarmUp"] = "false");
        var warmUp = server.Services.GetServices<IHostedService>().OfType<TranslationWarmUp>().Single();

        var waiting = () => warmUp.Completed.WaitAsync(TimeSpan.FromMinutes(2));
        await waiting.Should().ThrowAsync<TaskCanceledException>();
    }

    private static IEnumerable<Condition> Conditions(Condition condition) => condition switch
    {
        AndCondition a => a.Of.SelectMany(Conditions).Prepend(a),
        OrCondition o => o.Of.SelectMany(Conditions).Prepend(o),
        NotCondition n => Conditions(n.Of).Prepend(n),
        _ => [condition],
    };
}
