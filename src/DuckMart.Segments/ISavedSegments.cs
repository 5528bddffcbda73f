using DuckMart.Segments.Spec;

namespace DuckMart.Segments;

/// <summary>
/// The saved segments a spec may refer to with <c>{ "type": "segment", "id": … }</c>. The validator asks it
/// whether an id exists; <see cref="Saved.SavedSegmentGraph"/> follows references through it, for validation and the planner alike.
/// </summary>
public interface ISavedSegments
{
    bool TryGet(string id, out Condition where);
}

/// <summary>No saved segments: every reference is unknown.</summary>
public sealed class NoSavedSegments : ISavedSegments
{
    public static readonly NoSavedSegments Instance = new();

    public bool TryGet(string id, out Condition where)
    {
        where = null!;
        return false;
    }
}
