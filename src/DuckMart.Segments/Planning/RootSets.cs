namespace DuckMart.Segments.Planning;

/// <summary>
/// The shape rule for the root of a plan: when the segment is one positive event set, or an all-of whose parts are
/// event sets and attribute tests with at least one "did it" list among them, its IDs are read from <c>events</c>
/// alone (<see cref="FromEvents"/>) instead of <c>SELECT … FROM users WHERE user_id IN (…)</c>. Exact because the
/// load rejects every event whose user is not loaded (CONTRACT.md section 1), so every such ID is an existing user.
/// Why it is faster: an <c>IN (…)</c> builds its hash table on the subquery side, which for a "did it" list is every
/// matching event (ADDED_TO_CART: millions of rows); read from that list instead, the hash tables are built on the
/// filters (the purchasers, the Californians) and the list is scanned once. Measured on 1M users / 50M events,
/// p50 of interleaved runs (docs/engine.md, "Plan rule: the root read from events"):
/// <list type="bullet">
/// <item>05 "cart and never purchased": 146 ms as <c>users … IN cart AND NOT IN purchase</c>, 79 ms read from the
/// cart events with <c>NOT IN purchase</c> and <c>GROUP BY user_id</c> (ANTI JOIN by hand: 77 ms).</item>
/// <item>03 "California and LOGIN": 50 ms from users, 43 ms from the LOGIN events with <c>user_id IN (Californians)</c>
/// (a correlated EXISTS by hand: 44 ms).</item>
/// <item>06 (a sequence alone): 437 ms min as <c>users … IN (sequence)</c>, 298 ms as the sequence's own IDs grouped.</item>
/// </list>
/// Not taken where no "did it" list anchors the all-of: with a grouped set (<c>HAVING COUNT(*) &gt;= 2</c>) already
/// small and a broad attribute or (13, hidden mix), reading from users measured fastest (112 ms against 134-147).
/// </summary>
internal static class RootSets
{
    public static PlanNode Shape(PlanNode plan) => plan switch
    {
        EventUsers { Excluded: false } alone => new FromEvents(alone.Users, []),
        AllOf all when Anchor(all) is { } anchor => new FromEvents(anchor.Users, [.. all.Parts.Where(p => !ReferenceEquals(p, anchor))]),
        _ => plan,
    };

    /// <summary>The first included "did it" list, when every part is an event set or an attribute test.</summary>
    private static EventUsers? Anchor(AllOf all) =>
        all.Parts.All(p => p is EventUsers or AttributeTest)
            ? all.Parts.OfType<EventUsers>().FirstOrDefault(e => e is { Excluded: false, Users: DidInSpan })
            : null;
}
