namespace DuckMart.Api;

/// <summary>
/// What `duckmart serve` is told on its command line: the DuckDB file to serve, or with <see cref="ClickHouseUrl"/>
/// the cluster to serve from instead (ClickHouse/ClickHouseServing.cs), and then no DuckDB file at all.
/// </summary>
public sealed record ApiSettings(string? DatabasePath, string? Urls = null, string? ClickHouseUrl = null);
