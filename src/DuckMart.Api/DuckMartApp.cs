using DuckMart.Api.ClickHouse;
using DuckMart.Api.Dataset;
using DuckMart.Api.OData;
using DuckMart.Api.Reliability;
using DuckMart.Api.Security;
using DuckMart.Api.Segments;
using DuckMart.Data;
using Scalar.AspNetCore;

namespace DuckMart.Api;

/// <summary>Builds the HTTP server: segments API and OData over one published database.</summary>
public static class DuckMartApp
{
    public static WebApplication Build(ApiSettings settings, string[]? args = null, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args ?? []);
        if (settings.Urls is not null)
        {
            builder.WebHost.UseUrls(settings.Urls);
        }

        // Request-by-request framework logs drown what matters when serving; appsettings or the environment can lower this.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        if (settings.ClickHouseUrl is null)
        {
            var path = settings.DatabasePath ?? throw new ArgumentException("A DuckDB file or a ClickHouse URL is needed.", nameof(settings));
            builder.Services.AddSingleton(_ => new DuckMartDatabase(path)); // a factory, so the container disposes it at shutdown
            // One connection per request: a DuckDB connection must not be shared across threads.
            builder.Services.AddScoped(sp => sp.GetRequiredService<DuckMartDatabase>().Open());
        }
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        // The OData surface has its own $metadata; the OpenAPI document covers the JSON API.
        builder.Services.AddOpenApi(o => o.ShouldInclude = d => d.RelativePath?.StartsWith("odata", StringComparison.OrdinalIgnoreCase) != true);
        if (settings.ClickHouseUrl is { } clickhouse)
        {
            builder.Services.AddClickHouseSegments(clickhouse); // and no DuckDB file (ClickHouseServing.NoLocalDatabase)
        }

        builder.Services.AddSegmentsApi();
        builder.Services.AddDatasetApi();
        builder.Services.AddDuckMartOData();
        builder.Services.AddWebBuilder();
        builder.Services.AddDuckMartSecurity(builder.Configuration);
        builder.AddDuckMartReliability();
        configure?.Invoke(builder);

        var app = builder.Build();
        // Order matters: request id first (every log line has it, and it logs the final status), then the key,
        // then the query limit, so that refused callers never take a query slot.
        app.UseDuckMartReliability();
        app.UseDuckMartSecurity();
        app.UseQueryConcurrencyLimit();
        // Every error is application/problem+json: exceptions through ApiExceptionHandler, and bodiless
        // 4xx/5xx (unknown route, wrong method) through the status-code pages.
        app.UseExceptionHandler();
        app.UseStatusCodePages(StatusCodeProblems.WriteAsync);
        if (settings.ClickHouseUrl is not null)
        {
            app.UseClickHouseNotImplemented();
        }

        app.MapOpenApi();
        app.MapScalarApiReference("/docs", o => o.WithTitle("DuckMart Segments API"));
        app.MapHealthApi();
        app.MapDatasetApi();
        app.MapSegmentsApi();
        app.MapDuckMartOData();
        app.MapWebBuilder();
        return app;
    }
}
