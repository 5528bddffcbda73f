using DuckMart.Segments.Spec;

namespace DuckMart.Segments.Tests;

/// <summary>Saved segments from a dictionary.</summary>
public sealed class DictionarySavedSegments(IReadOnlyDictionary<string, Condition> saved) : ISavedSegments
{
    public bool TryGet(string id, out Condition where) => saved.TryGetValue(id, out where!);
}
