using DuckMart.Data;
using DuckMart.Domain;
using Microsoft.AspNetCore.OData.Routing.Controllers;

namespace DuckMart.Api.OData;

/// <summary>/odata/Events. Read-only; no lookup by key, since events have no id (see DuckMartEdmModel).</summary>
public sealed class EventsController(DuckMartDb db, ODataTimeLimit timeLimit, IHttpContextAccessor http) : ODataController
{
    private readonly DuckMartDb _db = db.ForOData(http.HttpContext!, timeLimit);

    [DuckMartQuery]
    public IQueryable<Event> Get() => DuckDbQueryProvider.Wrap(_db.Events);
}
