namespace DuckMart.Api.Segments;

/// <summary>POST /segments and the saved segments (CONTRACT.md section 2).</summary>
public static class SegmentsApi
{
    public static IServiceCollection AddSegmentsApi(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapSegmentsApi(this IEndpointRouteBuilder app) => app;
}
