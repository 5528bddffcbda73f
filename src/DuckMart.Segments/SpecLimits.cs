namespace DuckMart.Segments;

/// <summary>Server limits on a spec, each with its own error code, so a hostile request costs little and never crashes the server.</summary>
public sealed record SpecLimits
{
    public int MaxDepth { get; init; } = 32;

    public int MaxNodes { get; init; } = 500;

    public int MaxListLength { get; init; } = 10_000;

    public int MaxStringLength { get; init; } = 1_000;

    public long MaxBodyBytes { get; init; } = 1_000_000;

    public static SpecLimits Default { get; } = new();
}
