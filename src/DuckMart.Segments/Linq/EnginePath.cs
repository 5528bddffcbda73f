namespace DuckMart.Segments.Linq;

/// <summary>
/// Which path ran a LINQ or OData query of users, reported in the <c>DuckMart-Engine</c> response header.
/// </summary>
public enum EnginePath
{
    /// <summary>No filter, or nothing the segment engine can say: linq2db renders the query as written.</summary>
    Linq,

    /// <summary>Some of the filter runs on the segment engine; the rest stays as linq2db renders it, in the same query.</summary>
    Partial,

    /// <summary>Every filter on users runs on the segment engine.</summary>
    Segment,
}

public static class EnginePathHeader
{
    public const string Name = "DuckMart-Engine";

    public static string Value(EnginePath path) => path switch
    {
        EnginePath.Segment => "segment",
        EnginePath.Partial => "partial",
        _ => "linq",
    };
}
