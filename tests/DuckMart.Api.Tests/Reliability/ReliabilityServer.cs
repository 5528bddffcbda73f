using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace DuckMart.Api.Tests.Reliability;

/// <summary>
/// The real app (DuckMartApp.Build) on a TestServer over a <see cref="ReliabilityDatabase"/>, with extra
/// configuration, captured logs, and test-only endpoints mapped before it starts.
/// </summary>
public sealed class ReliabilityServer : IAsyncDisposable
{
    private ReliabilityServer(WebApplication app, ReliabilityDatabase database, CapturedLogs logs)
    {
        App = app;
        Database = database;
        Logs = logs;
    }

    public WebApplication App { get; }

    public ReliabilityDatabase Database { get; }

    public CapturedLogs Logs { get; }

    public TestServer Server => App.GetTestServer();

    public static async Task<ReliabilityServer> StartAsync(
        IReadOnlyDictionary<string, string?>? configuration = null,
        Action<WebApplication>? mapExtra = null,
        ReliabilityDatabase? database = null)
    {
        database ??= ReliabilityDatabase.Create();
        var logs = new CapturedLogs();
        var app = DuckMartApp.Build(new ApiSettings(database.Path), configure: builder =>
        {
            builder.WebHost.UseTestServer();
            // Tests state their own security posture; the machine's environment must not decide it.
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["DUCKMART_API_KEY"] = "",
                ["DUCKMART_ALLOW_REMOTE"] = "",
                ["DuckMart:LogFormat"] = "text",
            });
            if (configuration is not null)
            {
                builder.Configuration.AddInMemoryCollection(configuration);
            }

            builder.Logging.AddProvider(logs);
        });
        mapExtra?.Invoke(app);
        await app.StartAsync();
        return new ReliabilityServer(app, database, logs);
    }

    /// <summary>A client whose every request gives up after <paramref name="timeout"/>: a hang is a failure, not a stuck run.</summary>
    public HttpClient CreateClient(TimeSpan? timeout = null)
    {
        var client = Server.CreateClient();
        client.Timeout = timeout ?? TimeSpan.FromSeconds(10);
        return client;
    }

    /// <summary>Sends a request as if from <paramref name="remote"/> (TestServer requests have no address otherwise).</summary>
    public Task<HttpContext> SendFromAsync(System.Net.IPAddress remote, string method, string path, string? apiKey = null) =>
        Server.SendAsync(context =>
        {
            context.Connection.RemoteIpAddress = remote;
            context.Request.Method = method;
            context.Request.Path = path;
            if (apiKey is not null)
            {
                context.Request.Headers["X-Api-Key"] = apiKey;
            }
        });

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        Database.Dispose();
    }
}
