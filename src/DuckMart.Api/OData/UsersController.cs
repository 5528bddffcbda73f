using DuckMart.Api.Segments;
using DuckMart.Data;
using DuckMart.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.Extensions.Options;

namespace DuckMart.Api.OData;

/// <summary>/odata/Users, /odata/Users(42) and /odata/Users(42)/events. Read-only.</summary>
public sealed class UsersController(DuckMartDb db, IOptions<SegmentsOptions> options) : DuckMartODataController(db, options)
{
    // The IQueryable is linq2db's: [DuckMartQuery] composes $filter, $orderby, paging onto it and DuckDB runs it.
    [DuckMartQuery]
    public IQueryable<User> Get() => DuckDbQueryProvider.Wrap(Db.Users, Db, HttpContext);

    [DuckMartQuery]
    public SingleResult<User> Get(long key) => SingleResult.Create(DuckDbQueryProvider.Wrap(Db.Users.Where(u => u.UserId == key), Db, HttpContext));

    // Attribute-routed: the convention looks for GetEvents, but the navigation property is camelCase "events".
    [DuckMartQuery]
    [HttpGet("odata/Users({key})/events")]
    public IQueryable<Event> GetEvents(long key) => DuckDbQueryProvider.Wrap(Db.Events.Where(e => e.UserId == key), Db, HttpContext);
}
