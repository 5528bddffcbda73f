namespace DuckMart.Api;

/// <summary>What `duckmart serve` is told on its command line.</summary>
public sealed record ApiSettings(string DatabasePath, string? Urls = null);
