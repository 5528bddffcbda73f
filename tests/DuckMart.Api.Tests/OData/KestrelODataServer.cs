using Microsoft.AspNetCore.Builder;

namespace DuckMart.Api.Tests.OData;

/// <summary>
/// The real app on Kestrel at a free loopback port (127.0.0.1:0) over the sample database, for clients
/// outside this process. <see cref="BaseUrl"/> is the address it got.
/// </summary>
public sealed class KestrelODataServer : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.CreateSample();
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _app = DuckMartApp.Build(new ApiSettings(_database.Path, "http://127.0.0.1:0"));
        await _app.StartAsync();
        // Kestrel replaces port 0 by the port it bound.
        BaseUrl = _app.Urls.Single();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _database.Dispose();
    }
}
