namespace DuckMart.Generator;

/// <summary>What <c>duckmart generate</c> is asked for. The same options always give the same bytes.</summary>
public sealed record GeneratorOptions
{
    /// <summary>
    /// The fixed "now" of reproducible runs: the library's default (tests) and the benchmark's <c>--now</c>, so that
    /// numbers stay comparable. The CLI's default is the clock instead (<see cref="ClockNow"/>), so that a new user's
    /// data ends when it was made and "in the last 7 days" finds events without an <c>asOf</c>.
    /// </summary>
    public static readonly DateTime DefaultNow = new(2025, 12, 31, 0, 0, 0, DateTimeKind.Utc);

    public int Users { get; init; } = 10_000;

    public int Seed { get; init; } = 42;

    /// <summary>Share (0..1) of extra dirty rows to add so that <c>transform</c> has something to reject.</summary>
    public double DirtyRate { get; init; }

    public DateTime Now { get; init; } = DefaultNow;

    /// <summary>The clock, to the whole second: output stays the same bytes when the same instant is passed back as <c>--now</c>.</summary>
    public static DateTime ClockNow(TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
    }
}
