using DuckMart.Segments.Spec;

namespace DuckMart.Segments.Planning;

/// <summary>Repeated children of an and / or, dropped before planning.</summary>
internal static class DistinctConditions
{
    /// <summary>
    /// x AND x is x, and x OR x is x: repeated children are dropped before they become repeated subqueries,
    /// which DuckDB plans slowly (hundreds of copies of one event test kept it busy for minutes, beyond the
    /// reach of the query time limit). Compared by their JSON, since the records hold lists.
    /// <para>
    /// Serialising every child at every level was about a sixth of our own share of translating a deep spec, and
    /// children rarely repeat: equal JSON implies an equal <see cref="Outline"/>, so only children whose outlines collide
    /// are serialised and compared (the first of equal ones kept, in order, as before).
    /// </para>
    /// </summary>
    public static IReadOnlyList<Condition> Of(IReadOnlyList<Condition> conditions)
    {
        if (conditions.Count < 2)
        {
            return conditions;
        }

        var outlines = new string[conditions.Count];
        var seen = new Dictionary<string, int>(conditions.Count, StringComparer.Ordinal);
        for (var i = 0; i < conditions.Count; i++)
        {
            outlines[i] = Outline(conditions[i]);
            seen[outlines[i]] = seen.GetValueOrDefault(outlines[i]) + 1;
        }

        if (seen.Count == conditions.Count)
        {
            return conditions;
        }

        var kept = new List<Condition>(conditions.Count);
        var json = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < conditions.Count; i++)
        {
            if (seen[outlines[i]] == 1 || json.Add(System.Text.Json.JsonSerializer.Serialize(conditions[i], SegmentJson.Options)))
            {
                kept.Add(conditions[i]);
            }
        }

        return kept;
    }

    /// <summary>What any two conditions with the same JSON share: their type and a few identifying scalars.</summary>
    private static string Outline(Condition condition) => condition switch
    {
        AttributeCondition a => $"attribute\u001f{a.Field}\u001f{a.Op}",
        EventCondition e => $"event\u001f{e.Name}\u001f{e.Count is null}{e.DistinctDays is null}{e.First is null}{e.Last is null}",
        SegmentCondition s => $"segment\u001f{s.Id}",
        SequenceCondition q => $"sequence\u001f{q.Steps.Count}",
        AndCondition a => $"and\u001f{a.Of.Count}",
        OrCondition o => $"or\u001f{o.Of.Count}",
        NotCondition n => "not\u001f" + Outline(n.Of),
        _ => condition.GetType().Name,
    };
}
