using System.Text;
using System.Text.Json;
using DuckMart.Api.Segments;
using DuckMart.Segments.Saved;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace DuckMart.Api.Tests.Segments.Fixtures;

/// <summary>
/// The real app (DuckMartApp.Build) on a TestServer over a database file. Each instance is one server
/// process as far as the API can tell: two instances over the same file are a restart.
/// </summary>
public sealed class SegmentsServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private SegmentsServer(WebApplication app)
    {
        this.app = app;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<SegmentsServer> StartAsync(string databasePath, Action<WebApplicationBuilder>? configure = null)
    {
        var app = DuckMartApp.Build(new ApiSettings(databasePath), [], builder =>
        {
            builder.WebHost.UseTestServer();
            configure?.Invoke(builder);
        });
        await app.StartAsync();
        return new SegmentsServer(app);
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> PutJsonAsync(string path, string json) =>
        Client.PutAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        // Buffered, so that a test may read the same answer more than once.
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    public static long[] UserIds(JsonElement body) => body.GetProperty("userIds").EnumerateArray().Select(e => e.GetInt64()).ToArray();

    /// <summary>The (pointer, code) pairs of a problem's errors, for assertions that read like the contract.</summary>
    public static async Task<(string Pointer, string Code)[]> ErrorsAsync(HttpResponseMessage response)
    {
        var body = await ReadJsonAsync(response);
        return body.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("pointer").GetString()!, e.GetProperty("code").GetString()!))
            .ToArray();
    }

    /// <summary>Writes a saved segment straight into a store file, bypassing the spec reader (for tests of the HTTP layer alone).</summary>
    public static void Seed(string storeFile, string id, string whereJson, string? description = null)
    {
        var store = new SavedSegmentStore(storeFile);
        using var where = JsonDocument.Parse(whereJson);
        store.Save(id, _ => new SavedSegment(id, where.RootElement.Clone(), description));
    }
}
