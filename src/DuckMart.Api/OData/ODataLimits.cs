using Microsoft.AspNetCore.OData.Query;

namespace DuckMart.Api.OData;

/// <summary>
/// The limits every OData query is held to (docs/odata.md explains each). A query past one is a 400,
/// never a slow or failed request: the tables hold millions of users and tens of millions of events.
/// </summary>
public static class ODataLimits
{
    /// <summary>Rows per response before <c>@odata.nextLink</c>. Enough for a screen or a batch, small enough to serialise in milliseconds.</summary>
    public const int PageSize = 1000;

    /// <summary>Largest <c>$top</c>. A larger answer still comes in pages of <see cref="PageSize"/>.</summary>
    public const int MaxTop = 100_000;

    /// <summary>
    /// Largest <c>$skip</c>: OFFSET makes DuckDB read and drop every skipped row. Server-driven paging uses
    /// <c>$skiptoken</c> (keyset) instead, so following <c>@odata.nextLink</c> is never held to this.
    /// </summary>
    public const int MaxSkip = 100_000;

    /// <summary>
    /// Nodes in the parsed <c>$filter</c>/<c>$orderby</c>: about forty conditions, a generous segment,
    /// and far below DuckDB's own expression depth limit of 1000.
    /// </summary>
    public const int MaxNodeCount = 200;

    /// <summary>Users have one collection (events) and events have none, so any()/all() never need to nest.</summary>
    public const int MaxAnyAllExpressionDepth = 1;

    /// <summary><c>$expand=events</c> is the only expansion; nothing deeper exists.</summary>
    public const int MaxExpansionDepth = 1;

    /// <summary>Events inlined per user by <c>$expand=events</c>; more come through that user's <c>events@odata.nextLink</c>.</summary>
    public const int ExpandedEventsPageSize = 100;

    /// <summary>Sort keys in <c>$orderby</c>: each is one more column in the sort and in the paging token.</summary>
    public const int MaxOrderByNodeCount = 5;

    /// <summary>
    /// String and date functions that translate to plain DuckDB SQL. Not matchesPattern (a user-supplied
    /// regular expression), cast/isof, fractionalseconds, time, and no math functions (nothing to round).
    /// </summary>
    public const AllowedFunctions Functions =
        AllowedFunctions.Contains | AllowedFunctions.StartsWith | AllowedFunctions.EndsWith |
        AllowedFunctions.Length | AllowedFunctions.IndexOf | AllowedFunctions.Substring |
        AllowedFunctions.ToLower | AllowedFunctions.ToUpper | AllowedFunctions.Trim | AllowedFunctions.Concat |
        AllowedFunctions.Year | AllowedFunctions.Month | AllowedFunctions.Day |
        AllowedFunctions.Hour | AllowedFunctions.Minute | AllowedFunctions.Second | AllowedFunctions.Date |
        AllowedFunctions.Any | AllowedFunctions.All;

    /// <summary>
    /// <c>$apply</c> with filter, groupby and aggregate (count, sum, min, max, average, countdistinct: what BI clients ask
    /// first; AggregationCheck refuses the rest). No $compute or $search.
    /// </summary>
    public const AllowedQueryOptions QueryOptions =
        AllowedQueryOptions.Filter | AllowedQueryOptions.Select | AllowedQueryOptions.Expand |
        AllowedQueryOptions.OrderBy | AllowedQueryOptions.Top | AllowedQueryOptions.Skip |
        AllowedQueryOptions.Count | AllowedQueryOptions.SkipToken | AllowedQueryOptions.Format | AllowedQueryOptions.Apply;
}
