using DuckMart.Api.Segments;
using DuckMart.Data;
using DuckMart.Domain;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.Extensions.Options;

namespace DuckMart.Api.OData;

/// <summary>/odata/Events. Read-only; no lookup by key, since events have no id (see DuckMartEdmModel).</summary>
public sealed class EventsController(DuckMartDb db, IOptions<SegmentsOptions> options) : ODataController
{
    private DuckMartDb? _db;

    // Prepared on first use, inside an action, where the request (its abort token, its time limit) is known.
    private DuckMartDb Db => _db ??= db.ForOData(HttpContext, options.Value.QueryTimeout);

    [DuckMartQuery]
    public IQueryable<Event> Get() => DuckDbQueryProvider.Wrap(Db.Events, Db, HttpContext);
}
