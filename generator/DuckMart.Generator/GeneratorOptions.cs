namespace DuckMart.Generator;

/// <summary>What <c>duckmart generate</c> is asked for. The same options always give the same bytes.</summary>
public sealed record GeneratorOptions
{
    /// <summary>The instant that counts as "now" for the data set. Fixed, never the clock, so output is reproducible.</summary>
    public static readonly DateTime DefaultNow = new(2025, 12, 31, 0, 0, 0, DateTimeKind.Utc);

    public int Users { get; init; } = 10_000;

    public int Seed { get; init; } = 42;

    /// <summary>Share (0..1) of extra dirty rows to add so that <c>transform</c> has something to reject.</summary>
    public double DirtyRate { get; init; }

    public DateTime Now { get; init; } = DefaultNow;
}
