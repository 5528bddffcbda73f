using Microsoft.AspNetCore.Mvc;

namespace DuckMart.Api.Segments;

/// <summary>
/// GET /segments/{id}/users?asOf=&amp;timezone=&amp;limit=&amp;cursor=&amp;countOnly=&amp;explain=: the route and query
/// string as one request object. Every value stays text until <see cref="EvaluationParameters"/> reads it, so a bad
/// one is a 400 with its pointer, not the framework's binding failure.
/// </summary>
public sealed record SavedSegmentQuery(
    [FromRoute(Name = "id")] string Id,
    [FromQuery(Name = "asOf")] string? AsOf,
    [FromQuery(Name = "timezone")] string? Timezone,
    [FromQuery(Name = "limit")] string? Limit,
    [FromQuery(Name = "cursor")] string? Cursor,
    [FromQuery(Name = "countOnly")] string? CountOnly,
    [FromQuery(Name = "explain")] string? Explain);
