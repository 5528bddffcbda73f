namespace DuckMart.Api.Tests.Segments.Fixtures;

/// <summary>
/// A test class over a fresh <see cref="SegmentsDatabase.Brief"/> database served by a <see cref="SegmentsServer"/>,
/// started before each test and stopped after it, with the brief's two segments as conditions.
/// </summary>
public abstract class BriefServerTests : IAsyncLifetime
{
    protected const string AgeBand = """{ "type": "attribute", "field": "age", "op": "between", "value": [25, 34] }""";

    protected const string CaliforniaLogin = """
        { "type": "and", "of": [
            { "type": "attribute", "field": "location", "op": "eq", "value": "California" },
            { "type": "event", "name": "LOGIN" } ] }
        """;

    private SegmentsServer? server;

    protected SegmentsDatabase Database { get; } = SegmentsDatabase.Brief();

    protected SegmentsServer Server => server ?? throw new InvalidOperationException("The server starts in InitializeAsync.");

    public async Task InitializeAsync() => server = await SegmentsServer.StartAsync(Database.Path);

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        Database.Dispose();
    }
}
