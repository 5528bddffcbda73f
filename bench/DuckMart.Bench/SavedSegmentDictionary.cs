using DuckMart.Segments;
using DuckMart.Segments.Saved;
using DuckMart.Segments.Spec;

namespace DuckMart.Bench;

/// <summary>The suite's saved segments for in-process runs, read and validated as PUT /segments/{id} would.</summary>
public sealed class SavedSegmentDictionary : ISavedSegments
{
    private readonly Dictionary<string, Condition> _segments = new(StringComparer.Ordinal);

    public static SavedSegmentDictionary From(IEnumerable<SavedSegment> saved)
    {
        var dictionary = new SavedSegmentDictionary();
        foreach (var segment in saved)
        {
            dictionary._segments[segment.Id] = SegmentSpecReader.ReadSavedDefinition(segment.Definition, segment.Id, dictionary).Where;
        }

        return dictionary;
    }

    public bool TryGet(string id, out Condition where) => _segments.TryGetValue(id, out where!);
}
