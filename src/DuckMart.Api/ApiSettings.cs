namespace DuckMart.Api;

/// <summary>What `duckmart serve` is told on its command line.</summary>
/// <summary>With <see cref="ClickHouseUrl"/>, segments run on that cluster (ClickHouse/ClickHouseServing.cs).</summary>
public sealed record ApiSettings(string DatabasePath, string? Urls = null, string? ClickHouseUrl = null);
