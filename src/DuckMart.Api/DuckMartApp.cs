using DuckMart.Api.OData;
using DuckMart.Api.Reliability;
using DuckMart.Api.Security;
using DuckMart.Api.Segments;
using DuckMart.Data;

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

        builder.Services.AddSingleton(new DuckMartDatabase(settings.DatabasePath));
        // One connection per request: a DuckDB connection must not be shared across threads.
        builder.Services.AddScoped(sp => sp.GetRequiredService<DuckMartDatabase>().Open());
        builder.Services.AddProblemDetails();
        builder.Services.AddSegmentsApi();
        builder.Services.AddDuckMartOData();
        builder.Services.AddDuckMartSecurity(builder.Configuration);
        builder.AddDuckMartReliability();
        configure?.Invoke(builder);

        var app = builder.Build();
        // Order matters: request id first (every log line has it), then errors, the key, the query limit.
        app.UseDuckMartReliability();
        app.UseDuckMartSecurity();
        app.UseQueryConcurrencyLimit();
        app.MapSegmentsApi();
        app.MapDuckMartOData();
        return app;
    }
}
