using System.Globalization;
using System.Linq.Expressions;
using Microsoft.AspNetCore.OData.Formatter.Serialization;
using Microsoft.AspNetCore.OData.Query;

namespace DuckMart.Api.OData;

/// <summary>
/// <c>$count=true</c> computed once, on the first page, and carried in <c>@odata.nextLink</c> (as <c>duckmart-count</c>) so
/// that following the links does not count the whole match again on every page (issue 13). A page with a
/// <c>$skiptoken</c> and a carried count answers that count without running the count query; every other request counts.
/// The link is the client's own continuation: a carried value changes only the count that client is told.
/// </summary>
public static class CarriedCount
{
    /// <summary>The custom query option that carries the count (OData passes options without a <c>$</c> through).</summary>
    public const string Parameter = "duckmart-count";

    private static readonly object Key = new();

    /// <summary>The count a continuation page carries, if it carries one.</summary>
    public static bool TryGet(HttpContext httpContext, out long count)
    {
        count = 0;
        var query = httpContext.Request.Query;
        return query.ContainsKey("$skiptoken") && query.TryGetValue(Parameter, out var value) && value.Count == 1
            && long.TryParse(value[0], NumberStyles.None, CultureInfo.InvariantCulture, out count);
    }

    /// <summary>Remembers the count this request computed, for its next link.</summary>
    public static void Remember(HttpContext httpContext, long count) => httpContext.Items[Key] = count;

    internal static long? Remembered(HttpContext httpContext) => httpContext.Items[Key] as long?;

    /// <summary>Whether <paramref name="expression"/> is OData's <c>$count</c> of the whole match: <c>query.LongCount()</c>.</summary>
    public static bool IsCountOf(Expression expression) =>
        expression is MethodCallExpression { Method.Name: nameof(Queryable.LongCount) or nameof(Queryable.Count), Arguments.Count: 1 } call
        && call.Method.DeclaringType == typeof(Queryable);
}

/// <summary>The library's keyset next links, with the first page's <c>$count</c> added (<see cref="CarriedCount"/>).</summary>
public sealed class CarriedCountSkipTokenHandler : DefaultSkipTokenHandler
{
    public override Uri GenerateNextPageLink(Uri baseUri, int pageSize, object instance, ODataSerializerContext context)
    {
        var link = base.GenerateNextPageLink(baseUri, pageSize, instance, context);
        if (link is null || context?.Request?.HttpContext is not { } httpContext || context.NavigationProperty is not null
            || link.Query.Contains(CarriedCount.Parameter + "=", StringComparison.Ordinal))
        {
            return link!;
        }

        long? count = CarriedCount.Remembered(httpContext) ?? (CarriedCount.TryGet(httpContext, out var carried) ? carried : null);
        if (count is null)
        {
            return link;
        }

        var builder = new UriBuilder(link);
        var extra = CarriedCount.Parameter + "=" + count.Value.ToString(CultureInfo.InvariantCulture);
        builder.Query = builder.Query.Length > 1 ? builder.Query[1..] + "&" + extra : extra;
        return builder.Uri;
    }
}
