namespace DuckMart.Segments.Planning;

/// <summary>
/// Two shape rules for event sets under an any-of, applied after the plan is built. An <c>IN (…)</c> joined by
/// OR is not a semi-join but a mark join: DuckDB builds a hash table on the whole subquery result and probes it
/// for every user. Measured on 1M users / 50M events with the 11-deep-mix segment (hand SQL variants, p50 of 5
/// interleaved runs, 2-core VM shared with other builds, 09:05 UTC Dec 7): the hand SQL 651 ms; with
/// "California and LOGIN" as a plain event list under the OR 2,317 ms, with that list one row per user 884 ms;
/// with "not (cart and not purchase)" as <c>NOT IN cart OR IN purchase</c> 990 ms against <c>NOT IN (cart EXCEPT
/// purchase)</c> in the hand SQL. Hence:
/// <list type="bullet">
/// <item>A "did it" list probed under an any-of is read one row per user (<c>GROUP BY user_id</c>): its hash
/// table holds users, not every matching event (LOGIN alone is millions of rows).</item>
/// <item>In one any-of, "not in A" or'ed with "in B1", "in B2"… is "not in (A EXCEPT B1 EXCEPT B2)": exact,
/// since u ∉ A ∨ u ∈ B ⟺ ¬(u ∈ A ∧ u ∉ B), and one anti-join of a difference of scans replaces several mark
/// joins.</item>
/// <item>An all-of of attribute tests and event sets under an any-of ("California and LOGIN") is one set of its own,
/// <c>IN (SELECT user_id FROM users WHERE location = … AND user_id IN (LOGIN))</c> (<see cref="ConjunctionSet"/>):
/// inside it the LOGIN list is a semi-join over the Californians, not a mark join probed for every user. 11-deep-mix,
/// p50 / min of 7 interleaved runs at load 4-6 (15:05 UTC Dec 7): 1,177 / 769 ms as before, 914 / 407 ms with the
/// conjunction as a set, the hand SQL 851 / 499 ms.</item>
/// </list>
/// At the top level and under all-of only, sets stay as they are: there an <c>IN</c> is a real semi-join and the
/// plain list measured fastest (docs/engine.md).
/// </summary>
internal static class ProbedSets
{
    public static PlanNode Shape(PlanNode plan) => Shape(plan, underAnyOf: false);

    private static PlanNode Shape(PlanNode node, bool underAnyOf) => node switch
    {
        AllOf all when underAnyOf && Restricts(all) => new ConjunctionSet(new AllOf([.. all.Parts.Select(p => Shape(p, underAnyOf: false))])),
        AllOf all => new AllOf([.. all.Parts.Select(p => Shape(p, underAnyOf))]),
        AnyOf any => ShapeAnyOf(any, underAnyOf),
        EventUsers { Users: DidInSpan did } users when underAnyOf => users with { Users = did with { OnePerUser = true } },
        _ => node,
    };

    private static PlanNode ShapeAnyOf(AnyOf any, bool underAnyOf)
    {
        var parts = Subtract(any.Parts);
        if (parts.Count == 1)
        {
            return Shape(parts[0], underAnyOf);
        }

        return new AnyOf([.. parts.Select(p => Shape(p, underAnyOf: true))]);
    }

    /// <summary>An all-of whose attribute tests can restrict its event sets: both kinds are among its parts.</summary>
    private static bool Restricts(AllOf all) => all.Parts.Any(p => p is AttributeTest) && all.Parts.Any(p => p is EventUsers);

    /// <summary>The first excluded set of the any-of absorbs every included set beside it, as a difference.</summary>
    private static IReadOnlyList<PlanNode> Subtract(IReadOnlyList<PlanNode> parts)
    {
        var excluded = parts.OfType<EventUsers>().FirstOrDefault(p => p.Excluded);
        var included = parts.OfType<EventUsers>().Where(p => !p.Excluded).ToList();
        if (excluded is null || included.Count == 0)
        {
            return parts;
        }

        var difference = new EventUsers(new Difference(excluded.Users, [.. included.Select(i => i.Users)]), Excluded: true);
        var rest = parts.Where(p => p is not EventUsers e || (e.Excluded && !ReferenceEquals(e, excluded)));
        return [difference, .. rest];
    }
}
