using DuckMart.Api.Segments;
using DuckMart.Data;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.Extensions.Options;

namespace DuckMart.Api.OData;

/// <summary>
/// What every OData controller shares: the request's connection, prepared for OData (<see cref="ODataConnection"/>)
/// under the one query deadline of DuckMart:QueryTimeout.
/// </summary>
public abstract class DuckMartODataController(DuckMartDb db, IOptions<SegmentsOptions> options) : ODataController
{
    private DuckMartDb? _db;

    // Prepared on first use, inside an action, where the request (its abort token, its time limit) is known.
    protected DuckMartDb Db => _db ??= db.ForOData(HttpContext, options.Value.QueryTimeout);
}
