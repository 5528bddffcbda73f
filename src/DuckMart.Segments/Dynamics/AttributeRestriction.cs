using DuckMart.Segments.Spec;

namespace DuckMart.Segments.Dynamics;

/// <summary>
/// What the attributes alone demand of every member, as a filter on the events a one-scan size plan reads: the
/// top-level and's parts made only of attributes (an attribute, or an and/or/not of them). A user who fails one is
/// no member at any point, so their events need not be read; the plans count such a user as one with no events,
/// whose membership is the condition with every event empty, which the same failed part makes false.
/// </summary>
internal static class AttributeRestriction
{
    /// <summary>
    /// The filter on <c>e.user_id</c>, or null when no part restricts; <paramref name="attributeSql"/> gives an
    /// attribute's ID query (the one the plan already renders for it).
    /// </summary>
    public static string? For(Condition normalized, Func<AttributeCondition, string> attributeSql)
    {
        IEnumerable<Condition> parts = normalized is AndCondition and ? and.Of : [normalized];
        var filters = parts.Where(OnlyAttributes).Select(p => Render(p, attributeSql)).ToList();
        return filters.Count == 0 ? null : string.Join("\n    AND ", filters);
    }

    private static bool OnlyAttributes(Condition condition) => condition switch
    {
        AttributeCondition => true,
        AndCondition a => a.Of.Count > 0 && a.Of.All(OnlyAttributes),
        OrCondition o => o.Of.Count > 0 && o.Of.All(OnlyAttributes),
        NotCondition n => OnlyAttributes(n.Of),
        _ => false,
    };

    private static string Render(Condition condition, Func<AttributeCondition, string> attributeSql) => condition switch
    {
        AttributeCondition attribute => "e.user_id IN (\n" + attributeSql(attribute) + "\n    )",
        AndCondition a => "(" + string.Join(" AND ", a.Of.Select(c => Render(c, attributeSql))) + ")",
        OrCondition o => "(" + string.Join(" OR ", o.Of.Select(c => Render(c, attributeSql))) + ")",
        NotCondition n => "(NOT " + Render(n.Of, attributeSql) + ")",
        _ => throw new InvalidOperationException("Only attributes restrict the events read."),
    };
}
