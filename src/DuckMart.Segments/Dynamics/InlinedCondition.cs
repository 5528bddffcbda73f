using DuckMart.Segments.Saved;
using DuckMart.Segments.Spec;
using DuckMart.Segments.Validation;

namespace DuckMart.Segments.Dynamics;

/// <summary>
/// A condition with its saved segments inlined (through the one reference graph, <see cref="SavedSegmentGraph"/>), so
/// that the one-scan size plans see only and / or / not, attributes and events. Null when a plan cannot take it: a
/// cycle, an unknown id or a chain too deep (the query-a-point path reports those, through the planner), or a
/// condition kind they do not read (each plan refuses what it cannot express, such as sequences in the buckets).
/// </summary>
internal static class InlinedCondition
{
    public static Condition? Of(Condition where, ISavedSegments saved)
    {
        try
        {
            return Inline(SpecNormalizer.Normalize(where), new SavedSegmentGraph(saved));
        }
        catch (SegmentException)
        {
            return null;
        }
    }

    private static Condition? Inline(Condition condition, SavedSegmentGraph references) => condition switch
    {
        AndCondition a => All(a.Of, references) is { } of ? a with { Of = of } : null,
        OrCondition o => All(o.Of, references) is { } of ? o with { Of = of } : null,
        NotCondition n => Inline(n.Of, references) is { } inner ? n with { Of = inner } : null,
        SegmentCondition s => references.Follow(s.Id, savedWhere => Inline(SpecNormalizer.Normalize(savedWhere), references)),
        AttributeCondition or EventCondition or SequenceCondition => condition,
        _ => null,
    };

    private static List<Condition>? All(IReadOnlyList<Condition> parts, SavedSegmentGraph references)
    {
        var inlined = new List<Condition>(parts.Count);
        foreach (var part in parts)
        {
            if (Inline(part, references) is not { } one)
            {
                return null;
            }

            inlined.Add(one);
        }

        return inlined;
    }
}
