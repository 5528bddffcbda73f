using Microsoft.AspNetCore.OData;
using Microsoft.AspNetCore.OData.Routing.Controllers;

namespace DuckMart.Api.OData;

/// <summary>/odata/Users and /odata/Events (CONTRACT.md "OData"; docs/odata.md).</summary>
public static class ODataSetup
{
    public const string RoutePrefix = "odata";

    public static IServiceCollection AddDuckMartOData(this IServiceCollection services)
    {
        // The IDs of filters being paged through next links, evaluated once (ContinuationPages).
        services.AddSingleton(provider => new SegmentIdCache(provider.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddControllers()
            // The host may be any program (CLI, test runner): find the controllers here, not in the entry assembly.
            .AddApplicationPart(typeof(ODataSetup).Assembly)
            // ...and the library's own $metadata and service document controller, for the same reason.
            .AddApplicationPart(typeof(MetadataController).Assembly)
            .AddOData(options =>
            {
                // Our binder: instant arithmetic, exact integer comparisons, NULL tests, Edm.Date lists (DuckMartFilterBinder).
                // ...and our next links: the first page's $count carried on (CarriedCount).
                options.AddRouteComponents(RoutePrefix, DuckMartEdmModel.Build(), routeServices => routeServices
                    .AddSingleton<Microsoft.AspNetCore.OData.Query.Expressions.IFilterBinder, DuckMartFilterBinder>()
                    .AddSingleton<Microsoft.AspNetCore.OData.Query.SkipTokenHandler, CarriedCountSkipTokenHandler>());
                // Model-wide switches: OData 8+ refuses each query option unless it is turned on here.
                // The per-request limits are on DuckMartQueryAttribute.
                options.Select().Filter().OrderBy().Expand().Count().SetMaxTop(ODataLimits.MaxTop).SkipToken();
                // Timestamps are naive UTC in DuckDB: read and write them as UTC, whatever the server's zone.
                options.TimeZone = TimeZoneInfo.Utc;
            });
        return services;
    }

    public static IEndpointRouteBuilder MapDuckMartOData(this IEndpointRouteBuilder app)
    {
        app.MapControllers();
        return app;
    }
}
