namespace DuckMart.Api.Segments;

/// <summary>The <c>DuckMart</c> configuration section (appsettings, <c>DuckMart__QueryTimeout</c> in the environment, …).</summary>
public sealed class SegmentsOptions
{
    public const string Section = "DuckMart";

    /// <summary>
    /// How long one segment query may run before the answer is 503. Enforced by cancelling the DuckDB query
    /// (DuckDB.NET ignores CommandTimeout but interrupts on a cancelled token).
    /// </summary>
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Where saved segments live; default <c>&lt;database file&gt;.segments.json</c>, beside the data that a reload replaces.</summary>
    public string? SavedSegmentsFile { get; set; }

    /// <summary>Whether to warm the segment engine up at start (<see cref="TranslationWarmUp"/>); on unless turned off.</summary>
    public bool WarmUp { get; set; } = true;
}
