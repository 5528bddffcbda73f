namespace DuckMart.Api.OData;

/// <summary>/odata/Users and /odata/Events (CONTRACT.md "OData").</summary>
public static class ODataSetup
{
    public static IServiceCollection AddDuckMartOData(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapDuckMartOData(this IEndpointRouteBuilder app) => app;
}
