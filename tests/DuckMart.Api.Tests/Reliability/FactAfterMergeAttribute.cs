using DuckMart.Api.OData;
using DuckMart.Api.Segments;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace DuckMart.Api.Tests.Reliability;

/// <summary>The parts of the API other branches build, which some reliability tests need.</summary>
public enum ApiPart
{
    SegmentsApi,
    OData,
}

/// <summary>
/// A fact that runs once a part of the API is implemented (its branch merged) and is skipped, saying why,
/// while the skeleton's stub maps no endpoint. It never hides a failure of real code.
/// </summary>
public sealed class FactAfterMergeAttribute : FactAttribute
{
    private static readonly Lazy<bool> SegmentsApiMapped = new(() => MapsEndpoints(app => app.MapSegmentsApi()));
    private static readonly Lazy<bool> ODataMapped = new(() => MapsEndpoints(app => app.MapDuckMartOData()));

    public FactAfterMergeAttribute(ApiPart part)
    {
        var ready = part switch
        {
            ApiPart.SegmentsApi => SegmentsApiMapped.Value,
            _ => ODataMapped.Value,
        };
        if (!ready)
        {
            Skip = $"needs the {(part == ApiPart.SegmentsApi ? "api and spec/engine branches" : "odata branch")}: the skeleton maps no endpoint yet";
        }
    }

    private static bool MapsEndpoints(Action<WebApplication> map)
    {
        try
        {
            var app = WebApplication.CreateSlimBuilder().Build();
            map(app);
            return ((IEndpointRouteBuilder)app).DataSources.Count > 0;
        }
        catch (Exception)
        {
            // Mapping needs services the bare builder lacks: the part is implemented.
            return true;
        }
    }
}
