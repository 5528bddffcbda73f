using System.Collections.Concurrent;
using System.Text.Json;
using DuckMart.Data;
using LinqToDB;
using LinqToDB.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DuckMart.Api.Tests.OData;

/// <summary>
/// The real app (DuckMartApp.Build) on a TestServer over the sample database, shared by a test class.
/// Every SQL command DuckDB receives is recorded in <see cref="Commands"/> so tests can check its text and parameters.
/// Derive and override <see cref="CreateDatabase"/> for other data.
/// </summary>
public class ODataServer : IAsyncLifetime
{
    private WebApplication? _app;

    public TestDatabase Database { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public ConcurrentQueue<RecordedCommand> Commands { get; } = new();

    protected virtual TestDatabase CreateDatabase() => TestDatabase.CreateSample();

    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public async Task InitializeAsync()
    {
        Database = CreateDatabase();
        _app = DuckMartApp.Build(new ApiSettings(Database.Path), configure: builder =>
        {
            builder.WebHost.UseTestServer();
            // Same connection as DuckMartDatabase.Open(), plus a trace of each command before it runs.
            builder.Services.AddScoped(_ =>
            {
                var db = new DuckMartDb(new DataOptions()
                    .UseDuckDB($"Data Source={Database.Path};ACCESS_MODE=READ_ONLY")
                    .UseTracing(System.Diagnostics.TraceLevel.Info, Record));
                ServingSettings.Apply(db.OpenDbConnection());
                return db;
            });
            ConfigureServices(builder.Services);
        });
        await _app.StartAsync();
        Client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        Database?.Dispose();
    }

    /// <summary>GETs an OData URL and returns the status and the parsed JSON body.</summary>
    public async Task<(int Status, JsonElement Body)> GetJsonAsync(string url, string? maxPageSize = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (maxPageSize is not null)
        {
            request.Headers.Add("Prefer", $"odata.maxpagesize={maxPageSize}");
        }

        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return ((int)response.StatusCode, body);
    }

    /// <summary>The userIds of every user matching <paramref name="filter"/>, following each <c>@odata.nextLink</c>.</summary>
    public async Task<List<long>> GetUserIdsAsync(string filter)
    {
        var ids = new List<long>();
        string? url = "/odata/Users?$select=userId&$filter=" + Uri.EscapeDataString(filter);
        while (url is not null)
        {
            var (status, body) = await GetJsonAsync(url);
            status.Should().Be(200, "GET {0} answered {1}", url, body);
            ids.AddRange(body.GetProperty("value").EnumerateArray().Select(u => u.GetProperty("userId").GetInt64()));
            url = body.TryGetProperty("@odata.nextLink", out var next) ? next.GetString() : null;
        }

        return ids;
    }

    private void Record(TraceInfo info)
    {
        if (info.TraceInfoStep == TraceInfoStep.BeforeExecute && info.Command is { } command)
        {
            var parameters = command.Parameters.Cast<System.Data.Common.DbParameter>()
                .Select(p => p.Value?.ToString() ?? "")
                .ToList();
            Commands.Enqueue(new RecordedCommand(command.CommandText, parameters));
        }
    }
}

public sealed record RecordedCommand(string Sql, IReadOnlyList<string> ParameterValues);
