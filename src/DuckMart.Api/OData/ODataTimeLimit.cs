namespace DuckMart.Api.OData;

/// <summary>How long one OData request may keep DuckDB busy before it is interrupted and answered 503 (CONTRACT.md "Errors").</summary>
public sealed record ODataTimeLimit(TimeSpan Value)
{
    /// <summary>The default: a page of any filter the limits allow takes well under a second on 50M events.</summary>
    public static readonly ODataTimeLimit Default = new(TimeSpan.FromSeconds(30));
}
