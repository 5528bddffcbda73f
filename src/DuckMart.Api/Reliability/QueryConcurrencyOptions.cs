using System.ComponentModel.DataAnnotations;

namespace DuckMart.Api.Reliability;

/// <summary>
/// How many queries run at once and how many wait (section <c>DuckMart:Queries</c>). DuckDB already uses
/// every core for one query, so more concurrent queries only share the cores and the memory limit; past
/// the queue a caller is better told to come back (429) than left to time out.
/// </summary>
public sealed record QueryConcurrencyOptions
{
    public const string Section = "DuckMart:Queries";

    [Range(1, 10_000)]
    public int PermitLimit { get; set; } = 2 * Environment.ProcessorCount;

    /// <summary>Short: a queued query waits for a running one, so a long queue only turns 429s into timeouts.</summary>
    [Range(0, 10_000)]
    public int QueueLimit { get; set; } = 4 * Environment.ProcessorCount;

    /// <summary>What the 429's Retry-After says.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 1;
}
