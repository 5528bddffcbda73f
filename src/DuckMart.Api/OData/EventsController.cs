using DuckMart.Api.Segments;
using DuckMart.Data;
using DuckMart.Domain;
using Microsoft.Extensions.Options;

namespace DuckMart.Api.OData;

/// <summary>/odata/Events. Read-only; no lookup by key, since events have no id (see DuckMartEdmModel).</summary>
public sealed class EventsController(DuckMartDb db, IOptions<SegmentsOptions> options) : DuckMartODataController(db, options)
{
    [DuckMartQuery]
    public IQueryable<Event> Get() => DuckDbQueryProvider.Wrap(Db.Events, Db, HttpContext);
}
