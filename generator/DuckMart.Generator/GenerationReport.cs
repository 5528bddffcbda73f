namespace DuckMart.Generator;

/// <summary>
/// How many rows were written and how many of them a correct transform must reject. Dirty rows are
/// written in addition to the clean ones, so the clean counts are exactly what a load keeps.
/// </summary>
public sealed record GenerationReport(
    long CleanUsers,
    long DirtyUsers,
    long CleanEvents,
    long DirtyEvents,
    long MessyEventNames)
{
    public long UserRows => CleanUsers + DirtyUsers;

    public long EventRows => CleanEvents + DirtyEvents;
}
