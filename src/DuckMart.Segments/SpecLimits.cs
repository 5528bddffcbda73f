namespace DuckMart.Segments;

/// <summary>Server limits on a spec, each with its own error code, so a hostile request costs little and never crashes the server.</summary>
public sealed record SpecLimits
{
    /// <summary>How deeply conditions may nest (the root condition is depth 1), saved segments expanded.</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>How many conditions and sequence steps a spec may hold, saved segments expanded.</summary>
    public int MaxNodes { get; init; } = 500;

    /// <summary>
    /// How many event conditions and sequence steps a spec may hold, saved segments inlined. Each becomes its own subquery over the events table, and hundreds of them
    /// cost linq2db seconds to translate and DuckDB tens of seconds to plan, work that no query time limit can
    /// interrupt (docs/reliability.md "Query time limit"): measured 300 of them at 12 s to build the SQL, 35 s to run.
    /// </summary>
    public int MaxEventConditions { get; init; } = 100;

    public int MaxListLength { get; init; } = 10_000;

    public int MaxStringLength { get; init; } = 1_000;

    public long MaxBodyBytes { get; init; } = 1_000_000;

    /// <summary>The largest page a request may ask for with <c>limit</c>; no limit at all means every ID.</summary>
    public int MaxPageSize { get; init; } = 1_000_000;

    /// <summary>The longest <c>cursor</c> accepted; the API issues far shorter ones.</summary>
    public int MaxCursorLength { get; init; } = 200;

    /// <summary>Errors listed for one body; past this the list ends with one too_many_errors.</summary>
    public int MaxErrors { get; init; } = 100;

    public static SpecLimits Default { get; } = new();
}
